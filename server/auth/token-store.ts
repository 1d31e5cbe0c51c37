// API tokens for scripts: the ingest role for PBX producers posting events, automation for
// read-only tools, admin for deployment tooling. Only the token's SHA-256 is stored; the secret is
// shown once, when it is created. `WALLBOARD_ADMIN_TOKEN` adds one admin token from the environment.
import { timingSafeEqual } from 'node:crypto';
import type { RedisConnection } from '../redis/connection.js';
import { z } from 'zod';
import { keys } from '../redis/keys.js';
import { TOKEN_ROLES, type TokenInfo, type TokenRole } from '../contract/access.js';
import { newId, newSecret, secretDigest } from './secrets.js';

export const tokenNameSchema = z.string().trim().min(1).max(80);

const recordSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(TOKEN_ROLES), digest: z.string(), createdTs: z.number() });
type TokenRecord = z.infer<typeof recordSchema>;

/** The id the environment's admin token goes by. */
export const ENV_TOKEN_ID = 'env';

export interface TokenStore {
  list(): Promise<TokenInfo[]>;
  /** Creates a token; the secret is in the answer and nowhere else. */
  create(token: { name: string; role: TokenRole }): Promise<TokenInfo & { token: string }>;
  remove(id: string): Promise<boolean>;
  /** The token a Bearer secret is, if any (recording its use). */
  verify(secret: string): Promise<Omit<TokenInfo, 'lastUsedTs' | 'createdTs'> | null>;
}

/** How often a token's last use is written: a busy ingest token must not cost a write per request. */
const USE_RECORD_MS = 60_000;

export function createTokenStore(redis: RedisConnection, group: string, now: () => number, envAdminToken: string | null): TokenStore {
  const tokens = keys.auth(group, 'tokens');
  const digests = keys.auth(group, 'token-hashes');
  const used = keys.auth(group, 'token-used');
  const envDigest = envAdminToken === null ? null : Buffer.from(secretDigest(envAdminToken), 'hex');
  const lastRecorded = new Map<string, number>();

  const parse = (raw: string | null): TokenRecord | null => {
    if (raw === null) return null;
    const parsed = recordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  };

  return {
    list: async () => {
      const [all, uses] = await Promise.all([redis.hvals(tokens), redis.hgetall(used)]);
      return all
        .map(parse)
        .flatMap((t) => (t ? [{ id: t.id, name: t.name, role: t.role, createdTs: t.createdTs, lastUsedTs: uses[t.id] ? Number(uses[t.id]) : null }] : []))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    create: async ({ name, role }) => {
      const token = newSecret();
      const record: TokenRecord = { id: newId(), name, role, digest: secretDigest(token), createdTs: now() };
      await redis.multi().hset(tokens, record.id, JSON.stringify(record)).hset(digests, record.digest, record.id).exec();
      return { id: record.id, name, role, createdTs: record.createdTs, lastUsedTs: null, token };
    },
    remove: async (id) => {
      const record = parse(await redis.hget(tokens, id));
      if (!record) return false;
      await redis.multi().hdel(tokens, id).hdel(digests, record.digest).hdel(used, id).exec();
      return true;
    },
    verify: async (secret) => {
      const digest = secretDigest(secret);
      if (envDigest && timingSafeEqual(Buffer.from(digest, 'hex'), envDigest)) return { id: ENV_TOKEN_ID, name: 'WALLBOARD_ADMIN_TOKEN', role: 'admin' };
      // Looked up by digest: the secret itself never reaches Redis, and a hash lookup leaks no timing of the secret.
      const id = await redis.hget(digests, digest);
      const record = id === null ? null : parse(await redis.hget(tokens, id));
      if (!record) return null;
      const at = now();
      if (at - (lastRecorded.get(record.id) ?? 0) >= USE_RECORD_MS) {
        lastRecorded.set(record.id, at);
        await redis.hset(used, record.id, String(at));
      }
      return { id: record.id, name: record.name, role: record.role };
    },
  };
}
