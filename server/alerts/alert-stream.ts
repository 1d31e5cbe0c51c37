// The dispatcher's Redis side: the `alerts` consumer group on the alarm stream, its blocking read
// (on a connection of its own, with a watchdog), taking over what a dead node left pending,
// keeping this node's own entries from looking abandoned, and the acknowledgement.
import type { RedisConnection } from '../redis/connection.js';
import { withTimeout } from '../with-timeout.js';
import { alertKeys } from './delivery-log.js';

/** The dispatcher's consumer group on the alarm stream, beside the board's own readers. */
export const ALERTS_GROUP = 'alerts';
const WATCHDOG_MARGIN_MS = 5000;

// Deletes the group's other consumers idle at least ARGV[3] ms with nothing pending, in one step:
// a consumer that reads (and so gets entries) between a check and the delete cannot lose them.
// KEYS[1] the stream; ARGV: the group, this node's consumer, the idle bound. Returns the names deleted.
const PRUNE = `
local gone = {}
for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local f = {}
  for i = 1, #c, 2 do f[c[i]] = c[i + 1] end
  if f['name'] ~= ARGV[2] and f['pending'] == 0 and f['idle'] >= tonumber(ARGV[3]) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], f['name'])
    gone[#gone + 1] = f['name']
  end
end
return gone`;
const SENT_TTL_S = 86_400;

/** One alarm stream entry. */
export interface AlarmEntry {
  id: string;
  fields: Record<string, string>;
}

type RawEntry = [id: string, flat: string[] | null];

function toEntries(raw: readonly RawEntry[]): { entries: AlarmEntry[]; deleted: string[] } {
  const entries: AlarmEntry[] = [];
  const deleted: string[] = [];
  for (const [id, flat] of raw) {
    if (flat === null) {
      deleted.push(id);
      continue;
    }
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
    entries.push({ id, fields });
  }
  return { entries, deleted };
}

export interface AlertStreamOptions {
  redis: RedisConnection;
  /** Makes the connection the blocking read holds (a new one after the watchdog dropped the last). */
  connectBlocking: () => RedisConnection;
  /** The alarm stream. */
  stream: string;
  /** The board's consumer group: the key of the "hooks served" sets. */
  group: string;
  /** This node's name in the alerts group. */
  consumer: string;
}

export class AlertStream {
  private blocking: RedisConnection | null = null;

  constructor(private readonly o: AlertStreamOptions) {}

  /**
   * Creates the group at the stream's start ("0") with MKSTREAM: no transition written before the
   * first node came up is lost to a race with the alarm evaluator starting beside it; the
   * dispatcher does not send the ones too old to matter (staleAfterMs).
   */
  async ensureGroup(): Promise<void> {
    try {
      await this.o.redis.xgroup('CREATE', this.o.stream, ALERTS_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }

  /** New entries for this node, [] when none came within `blockMs`. */
  async read(count: number, blockMs: number): Promise<AlarmEntry[]> {
    this.blocking ??= this.o.connectBlocking();
    const connection = this.blocking;
    const read = connection.xreadgroup('GROUP', ALERTS_GROUP, this.o.consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.o.stream, '>') as Promise<
      [string, RawEntry[]][] | null
    >;
    try {
      const reply = await withTimeout(read, blockMs + WATCHDOG_MARGIN_MS, 'Redis not answering: blocking read of the alarm stream did not return');
      return reply ? toEntries(reply.flatMap(([, e]) => e)).entries : [];
    } catch (error) {
      read.catch(() => {});
      connection.disconnect();
      if (this.blocking === connection) this.blocking = null;
      throw error;
    }
  }

  /** Entries another node left pending longer than `minIdleMs`, now this node's; deleted ones are acknowledged. */
  async takeOver(minIdleMs: number, count: number): Promise<AlarmEntry[]> {
    const out: AlarmEntry[] = [];
    let start = '0-0';
    do {
      const [next, raw, gone] = (await this.o.redis.xautoclaim(this.o.stream, ALERTS_GROUP, this.o.consumer, minIdleMs, start, 'COUNT', count)) as [
        string,
        RawEntry[],
        string[]?,
      ];
      const { entries, deleted } = toEntries(raw);
      out.push(...entries);
      const dead = [...deleted, ...(gone ?? [])];
      if (dead.length > 0) await this.o.redis.xack(this.o.stream, ALERTS_GROUP, ...dead);
      start = next;
    } while (start !== '0-0' && out.length < count);
    return out;
  }

  /**
   * Renews this node's claim on the entries it is still delivering (XCLAIM to itself resets their
   * idle time, so no other node takes them over while retries are waiting); returns the ones that
   * are no longer this node's (taken over while this process was stalled).
   */
  async renew(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const mine = (await this.o.redis.xpending(this.o.stream, ALERTS_GROUP, '-', '+', 10_000, this.o.consumer)) as [string, string, number, number][];
    const owned = new Set(mine.map(([id]) => id));
    const kept = ids.filter((id) => owned.has(id));
    if (kept.length > 0) await this.o.redis.xclaim(this.o.stream, ALERTS_GROUP, this.o.consumer, 0, ...kept, 'JUSTID');
    return new Set(ids.filter((id) => !owned.has(id)));
  }

  /**
   * Deletes the consumers that nodes no longer running left in the group: idle at least
   * `minIdleMs` and with no entry pending (a dead node's pending entries are taken over first, so
   * they are never lost). Redis 7.2 on counts a live node's every read as activity; before 7.2 only
   * a read that returns entries does, so a live node with nothing to do may lose its consumer too,
   * which costs nothing: Redis makes it again when it next hands that node an entry. Returns the names deleted.
   */
  async pruneConsumers(minIdleMs: number): Promise<string[]> {
    return (await this.o.redis.eval(PRUNE, 1, this.o.stream, ALERTS_GROUP, this.o.consumer, minIdleMs)) as string[];
  }

  /** Every hook has been served or given up: the entry is done, its "served" set goes. */
  async ack(id: string): Promise<void> {
    await this.o.redis.xack(this.o.stream, ALERTS_GROUP, id);
    await this.o.redis.del(alertKeys.sent(this.o.group, id));
  }

  /** The hooks already served for an entry (by this node or one before it). */
  async served(id: string): Promise<Set<string>> {
    return new Set(await this.o.redis.smembers(alertKeys.sent(this.o.group, id)));
  }

  async markServed(id: string, hook: string): Promise<void> {
    const key = alertKeys.sent(this.o.group, id);
    await this.o.redis.multi().sadd(key, hook).expire(key, SENT_TTL_S).exec();
  }

  close(): void {
    this.blocking?.disconnect();
    this.blocking = null;
  }
}
