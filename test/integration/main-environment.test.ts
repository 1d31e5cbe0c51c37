// server/main.ts, the composition root, as an operator runs it: LOG_LEVEL from the environment
// is checked at start-up with the other settings, and then decides which lines are written.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../support/redis.js';
import { spawnServer } from '../support/server.js';

const suite = useTestRedis();

describe('LOG_LEVEL', () => {
  it('stops the start with the variable, the value and the reason when it is not a level, exit code 1', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: '0', REDIS_URL: suite.redis.url, LOG_LEVEL: 'verbose' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Configuration error:\nenvironment: LOG_LEVEL = "verbose": must be debug, info, warn or error');
  });

  it('leaves out the lines below the level it names', async () => {
    const server = await spawnServer({ REDIS_URL: suite.redis.url, LOG_LEVEL: 'warn', STREAM_KEYS: 'loglevel:events', CONSUMER_GROUP: 'loglevel' });
    await server.kill('SIGTERM');
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines.filter((l) => l.level === 'info' || l.level === 'debug')).toEqual([]);
  });

  it('writes info lines by default', async () => {
    const server = await spawnServer({ REDIS_URL: suite.redis.url, STREAM_KEYS: 'loglevel-default:events', CONSUMER_GROUP: 'loglevel-default' });
    await server.kill('SIGTERM');
    expect(server.output()).toContain('"msg":"listening"');
  });
});
