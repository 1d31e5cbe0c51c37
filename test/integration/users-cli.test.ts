// The first admin is made on the command line, as an operator would: `npm run users -- add`,
// then a login at the running server with the printed one-time password. And `npm start`'s demo
// access: a display link that pairs, and an admin whose one-time password is printed once made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/create-server.js';
import { parseUsersCli, UsersUsageError } from '../../server/auth/users-cli.js';
import { DEMO_ADMIN, ensureDemoAccess } from '../../simulator/demo-access.js';
import { runCli } from '../support/cli-process.js';
import { uniquePrefix, useTestRedis } from '../support/redis.js';
import { startTestServer } from '../support/server.js';
import { login } from '../support/sign-in.js';

const suite = useTestRedis();
const group = uniquePrefix('users');
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer(suite.redis.url, { streams: [uniquePrefix('events')], group });
});
afterAll(() => server.stop());

const users = (...args: string[]) => runCli('server/auth/users-cli.ts', args, { REDIS_URL: suite.redis.url, CONSUMER_GROUP: group });

describe('npm run users', () => {
  it('adds an admin whose printed one-time password signs in at the running server, lists and removes them', async () => {
    const add = users('add', 'chief', '--role', 'admin');
    expect(await add.exit).toBe(0);
    const password = /one-time password: (\S+)/.exec(add.stdout())?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const signed = await login(server.url, 'chief', password!);
    expect(signed.res.status).toBe(200);
    const list = users('list');
    expect(await list.exit).toBe(0);
    expect(list.stdout()).toMatch(/^chief\tadmin\t-\t/m);
    const again = users('add', 'chief', '--role', 'lead');
    expect(await again.exit).toBe(1);
    expect(again.stderr()).toContain('a user named "chief" exists');
    expect(await users('remove', 'chief').exit).toBe(0);
    expect((await login(server.url, 'chief', password!)).res.status).toBe(401);
  }, 90_000); // four CLI processes, each a tsx start-up

  it('says what is wrong with a command', () => {
    expect(() => parseUsersCli(['add', 'x', '--role', 'boss'])).toThrow(UsersUsageError);
    expect(() => parseUsersCli(['add', 'bad name', '--role', 'lead'])).toThrow(/NAME/);
    expect(() => parseUsersCli(['frobnicate'])).toThrow(/unknown command/);
    expect(parseUsersCli(['add', 'wang', '--role', 'lead', '--teams', 'A, B'])).toEqual({ kind: 'add', name: 'wang', role: 'lead', teams: ['A', 'B'] });
    expect(parseUsersCli([])).toEqual({ kind: 'help' });
  });
});

describe("npm start's demo access", () => {
  it('makes one demo display whose link pairs, and prints the admin a fresh one-time password until they choose their own', async () => {
    const first = await ensureDemoAccess(server.access, server.url);
    const second = await ensureDemoAccess(server.access, server.url);
    expect(second.displayLink).toBe(first.displayLink);
    expect((await server.access.displays.list()).filter((d) => d.name === 'Demo TV')).toHaveLength(1);
    expect(first.adminPassword).not.toBeNull();
    expect(second.adminPassword).not.toBe(first.adminPassword);
    expect((await login(server.url, DEMO_ADMIN, first.adminPassword!)).res.status).toBe(401); // replaced by the second start's
    const signed = await login(server.url, DEMO_ADMIN, second.adminPassword!);
    expect(signed.res.status).toBe(200);
    await server.access.users.setPassword(DEMO_ADMIN, 'chosen by the admin');
    expect((await ensureDemoAccess(server.access, server.url)).adminPassword).toBeNull();
    const paired = await fetch(first.displayLink, { redirect: 'manual' });
    expect(paired.status).toBe(302);
    expect(paired.headers.get('location')).toBe('/tv');
  });
});
