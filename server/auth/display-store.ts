// Displays (paired TVs) in Redis, so every server process knows them. A display's link carries a
// secret; the record keeps it so the admin page can show the link's QR code again (a Redis that
// leaks has lost the sessions anyway), and the lookup goes through its SHA-256. Regenerating
// replaces the secret (the old link stops pairing); revoking deletes the display, and the screens
// paired with it are turned away at their next check (socket-access.ts).
import type { RedisConnection } from '../redis/connection.js';
import { z } from 'zod';
import { displayViewSchema, type DisplayView } from '../contract/display-view.js';
import { keys } from '../redis/keys.js';
import { newId, newSecret, secretDigest } from './secrets.js';

export const displayNameSchema = z.string().trim().min(1).max(80);

const recordSchema = z.object({
  id: z.string(),
  name: z.string(),
  view: displayViewSchema,
  linkSecret: z.string(),
  createdBy: z.string(),
  createdTs: z.number(),
});
export type DisplayRecord = z.infer<typeof recordSchema>;

const seenSchema = z.object({ ts: z.number(), address: z.string().nullable() });
export type DisplaySeen = z.infer<typeof seenSchema>;

export interface DisplayStore {
  get(id: string): Promise<DisplayRecord | null>;
  list(): Promise<(DisplayRecord & { seen: DisplaySeen | null })[]>;
  create(display: { name: string; view: DisplayView; createdBy: string }): Promise<DisplayRecord>;
  /** A new link secret; null if no such display. */
  regenerate(id: string): Promise<DisplayRecord | null>;
  remove(id: string): Promise<boolean>;
  /** The display a link's secret pairs, if any. */
  byLinkSecret(secret: string): Promise<DisplayRecord | null>;
  /** Which of these ids still exist (the revocation sweep). */
  existing(ids: string[]): Promise<Set<string>>;
  /** Records when and from where a display was last seen. */
  touch(id: string, seen: DisplaySeen): Promise<void>;
}

export function createDisplayStore(redis: RedisConnection, group: string, now: () => number): DisplayStore {
  const displays = keys.auth(group, 'displays');
  const links = keys.auth(group, 'display-links');
  const seenKey = keys.auth(group, 'display-seen');

  const parse = (raw: string | null): DisplayRecord | null => {
    if (raw === null) return null;
    const parsed = recordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  };
  const get = async (id: string) => parse(await redis.hget(displays, id));

  return {
    get,
    list: async () => {
      const [all, seen] = await Promise.all([redis.hvals(displays), redis.hgetall(seenKey)]);
      return all
        .map(parse)
        .flatMap((d) => (d ? [d] : []))
        .map((d) => {
          const s = seen[d.id] === undefined ? null : seenSchema.safeParse(JSON.parse(seen[d.id]!));
          return { ...d, seen: s?.success ? s.data : null };
        })
        .sort((a, b) => a.name.localeCompare(b.name) || a.createdTs - b.createdTs);
    },
    create: async ({ name, view, createdBy }) => {
      const record: DisplayRecord = { id: newId(), name, view, linkSecret: newSecret(), createdBy, createdTs: now() };
      await redis.multi().hset(displays, record.id, JSON.stringify(record)).hset(links, secretDigest(record.linkSecret), record.id).exec();
      return record;
    },
    regenerate: async (id) => {
      const old = await get(id);
      if (!old) return null;
      const record = { ...old, linkSecret: newSecret() };
      await redis.multi().hset(displays, id, JSON.stringify(record)).hdel(links, secretDigest(old.linkSecret)).hset(links, secretDigest(record.linkSecret), id).exec();
      return record;
    },
    remove: async (id) => {
      const old = await get(id);
      if (!old) return false;
      await redis.multi().hdel(displays, id).hdel(links, secretDigest(old.linkSecret)).hdel(seenKey, id).exec();
      return true;
    },
    byLinkSecret: async (secret) => {
      const id = await redis.hget(links, secretDigest(secret));
      return id === null ? null : get(id);
    },
    existing: async (ids) => {
      if (ids.length === 0) return new Set();
      const found = await redis.hmget(displays, ...ids);
      return new Set(ids.filter((_, i) => found[i] !== null));
    },
    touch: async (id, seen) => {
      await redis.hset(seenKey, id, JSON.stringify(seen));
    },
  };
}
