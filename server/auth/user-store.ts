// Named users (team leads and admins) in one Redis hash, so every server process knows them.
// Passwords are hashed with argon2id (memory-hard, the OWASP first choice); a user created or
// reset by an admin gets a one-time password and must choose their own before anything else.
import argon2 from 'argon2';
import type { RedisConnection } from '../redis/connection.js';
import { z } from 'zod';
import { keys } from '../redis/keys.js';
import { USER_ROLES, type UserInfo, type UserRole } from '../contract/access.js';
import { newOneTimePassword } from './secrets.js';

/** A user name: what a person types at /login. */
export const userNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'letters, digits, ".", "_", "@" or "-"');

export const teamsSchema = z.array(z.string().trim().min(1).max(128)).max(100);

/** Shortest password a person may choose. */
export const MIN_PASSWORD_LENGTH = 10;
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(256);

const recordSchema = z.object({
  name: z.string(),
  role: z.enum(USER_ROLES),
  teams: z.array(z.string()),
  hash: z.string(),
  createdTs: z.number(),
  lastLoginTs: z.number().nullable(),
  mustChangePassword: z.boolean(),
});
export type UserRecord = z.infer<typeof recordSchema>;

export const publicUser = ({ hash: _hash, ...info }: UserRecord): UserInfo => info;

export class UserExistsError extends Error {
  override name = 'UserExistsError';
}

export interface UserStore {
  get(name: string): Promise<UserRecord | null>;
  list(): Promise<UserInfo[]>;
  /** Creates a user with a one-time password, which it returns. */
  add(user: { name: string; role: UserRole; teams: string[] }): Promise<{ user: UserInfo; password: string }>;
  remove(name: string): Promise<boolean>;
  /** A new one-time password (the user must change it at the next login); null if no such user. */
  resetPassword(name: string): Promise<string | null>;
  /** Sets a password the user chose. */
  setPassword(name: string, password: string): Promise<void>;
  /** The user if the password is theirs; the same work is done for an unknown name, so timing does not tell names apart. */
  verify(name: string, password: string): Promise<UserRecord | null>;
  recordLogin(name: string, ts: number): Promise<void>;
}

export function createUserStore(redis: RedisConnection, group: string, now: () => number): UserStore {
  const key = keys.auth(group, 'users');
  // A hash of a random password, verified against when the name is unknown (equal timing); made
  // on first need, so starting a server does not spend 64 MiB and a core on it.
  let decoy: Promise<string> | null = null;

  async function get(name: string): Promise<UserRecord | null> {
    const raw = await redis.hget(key, name);
    if (raw === null) return null;
    const parsed = recordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  async function update(name: string, change: (user: UserRecord) => UserRecord): Promise<boolean> {
    const user = await get(name);
    if (!user) return false;
    await redis.hset(key, name, JSON.stringify(change(user)));
    return true;
  }

  return {
    get,
    list: async () => {
      const all = await redis.hvals(key);
      return all
        .map((raw) => recordSchema.safeParse(JSON.parse(raw)))
        .flatMap((p) => (p.success ? [publicUser(p.data)] : []))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    add: async ({ name, role, teams }) => {
      const password = newOneTimePassword();
      const record: UserRecord = { name, role, teams, hash: await argon2.hash(password), createdTs: now(), lastLoginTs: null, mustChangePassword: true };
      if ((await redis.hsetnx(key, name, JSON.stringify(record))) === 0) throw new UserExistsError(`a user named "${name}" exists`);
      return { user: publicUser(record), password };
    },
    remove: async (name) => (await redis.hdel(key, name)) === 1,
    resetPassword: async (name) => {
      const password = newOneTimePassword();
      const hash = await argon2.hash(password);
      return (await update(name, (u) => ({ ...u, hash, mustChangePassword: true }))) ? password : null;
    },
    setPassword: async (name, password) => {
      const hash = await argon2.hash(password);
      await update(name, (u) => ({ ...u, hash, mustChangePassword: false }));
    },
    verify: async (name, password) => {
      const user = await get(name);
      const ok = await argon2.verify(user?.hash ?? (await (decoy ??= argon2.hash(newOneTimePassword()))), password);
      return user && ok ? user : null;
    },
    recordLogin: async (name, ts) => {
      await update(name, (u) => ({ ...u, lastLoginTs: ts }));
    },
  };
}
