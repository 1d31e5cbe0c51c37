// `npm run users -- <add|list|reset|remove> …`: managing users from a terminal, the first admin
// above all. It works on the board's Redis: REDIS_URL, else the private redis-server a running
// `npm start`/`npm run server` uses, else it starts that private Redis for the moment it needs it.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { silentLogger } from '../log.js';
import { connectRedis, redisTarget } from '../redis/connection.js';
import { runningPrivateRedisUrl, startPrivateRedis } from '../redis/private-redis.js';
import { USER_ROLES, type UserRole } from './principal.js';
import { createUserStore, teamsSchema, userNameSchema } from './user-store.js';

export const USERS_HELP = `Usage: npm run users -- <command>

  add NAME --role lead|admin [--teams A,B]   create a user; prints a one-time password
  list                                       list users
  reset NAME                                 a new one-time password for NAME
  remove NAME                                delete NAME (their sessions end within seconds)

The user signs in at /login with the one-time password and chooses their own.
Redis: REDIS_URL, else the private one of a running server (DATA_DIR), else it is started.`;

export type UsersCommand =
  { kind: 'help' } | { kind: 'add'; name: string; role: UserRole; teams: string[] } | { kind: 'list' } | { kind: 'reset' | 'remove'; name: string };

export class UsersUsageError extends Error {
  override name = 'UsersUsageError';
}

export function parseUsersCli(argv: string[]): UsersCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { role: { type: 'string' }, teams: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, name, ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') return { kind: 'help' };
  if (extra.length > 0) throw new UsersUsageError(`unexpected: ${extra.join(' ')}`);
  const userName = () => {
    const parsed = userNameSchema.safeParse(name);
    if (!parsed.success) throw new UsersUsageError(`NAME: ${name === undefined ? 'missing' : (parsed.error.issues[0]?.message ?? 'invalid')}`);
    return parsed.data;
  };
  switch (command) {
    case 'add': {
      const role = USER_ROLES.find((r) => r === values.role);
      if (!role) throw new UsersUsageError(`--role must be ${USER_ROLES.join(' or ')}`);
      const teams = teamsSchema.safeParse((values.teams ?? '').split(',').flatMap((t) => (t.trim() ? [t.trim()] : [])));
      if (!teams.success) throw new UsersUsageError(`--teams: ${teams.error.issues[0]?.message ?? 'invalid'}`);
      return { kind: 'add', name: userName(), role, teams: teams.data };
    }
    case 'list':
      if (name !== undefined) throw new UsersUsageError(`unexpected: ${name}`);
      return { kind: 'list' };
    case 'reset':
    case 'remove':
      return { kind: command, name: userName() };
    default:
      throw new UsersUsageError(`unknown command "${command}"`);
  }
}

async function main(): Promise<number> {
  let command: UsersCommand;
  try {
    command = parseUsersCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`users: ${(error as Error).message}\n\n${USERS_HELP}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(USERS_HELP + '\n');
    return 0;
  }
  const config = loadConfig({ env: process.env, cwd: process.cwd(), stdoutIsTTY: false });
  const running = config.redisUrl ?? runningPrivateRedisUrl(config.redisDataDir);
  const started = running === null ? await startPrivateRedis({ dataDir: config.redisDataDir }) : null;
  // The server's own way to Redis, so REDIS_SENTINELS and REDIS_CLUSTER_NODES work here too.
  const redis = connectRedis(redisTarget({ ...config, redisUrl: running ?? started!.url }), {
    name: 'wallboard-users-cli',
    log: silentLogger,
    now: Date.now,
    options: { maxRetriesPerRequest: 2 },
  });
  try {
    const users = createUserStore(redis, config.group, Date.now);
    switch (command.kind) {
      case 'add': {
        const { user, password } = await users.add(command);
        process.stdout.write(`added ${user.role} ${user.name}${user.teams.length ? ` (teams ${user.teams.join(', ')})` : ''}\none-time password: ${password}\n`);
        return 0;
      }
      case 'list':
        for (const u of await users.list())
          process.stdout.write(`${u.name}\t${u.role}\t${u.teams.join(',') || '-'}\t${u.mustChangePassword ? 'one-time password not used yet' : 'active'}\n`);
        return 0;
      case 'reset': {
        const password = await users.resetPassword(command.name);
        if (password === null) throw new Error(`no user named "${command.name}"`);
        process.stdout.write(`one-time password for ${command.name}: ${password}\n`);
        return 0;
      }
      case 'remove':
        if (!(await users.remove(command.name))) throw new Error(`no user named "${command.name}"`);
        process.stdout.write(`removed ${command.name}\n`);
        return 0;
      default: {
        const never: never = command;
        return never;
      }
    }
  } catch (error) {
    process.stderr.write(`users: ${(error as Error).message}\n`);
    return 1;
  } finally {
    redis.disconnect();
    await started?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void main().then((code) => process.exit(code));
}
