// What the stream consumer needs from Redis, with replies already normalised: the consumer's
// duties see entries, IDs and nulls, never a datastore client or a raw reply. One module
// (ioredis-streams-client.ts) implements it; a test or another client library could too.
import type { RawEntry } from '../aggregator.js';

/** One stream's part of a group read. */
export interface GroupBatch {
  stream: string;
  /** The entries to apply, in stream order. */
  entries: RawEntry[];
  /** Every ID the group handed over, to acknowledge: the entries' IDs plus any entry deleted before it was read (it comes without fields and is not in `entries`). */
  ids: string[];
}

/** One page of pending entries moved to a consumer. */
export interface ClaimedPage {
  ids: string[];
  /** Where the next page starts, or null when the group has no more pending entries. */
  next: string | null;
}

/** Ordinary stream and consumer-group commands, on a shared connection. */
export interface StreamsClient {
  /** Creates the group at the start of the stream (and the stream if missing); false when it existed already. */
  createGroup(stream: string, group: string): Promise<boolean>;
  /** The ID of the last entry the group handed to any consumer ("0-0" for a new group); null when the group or the stream is gone. */
  lastDeliveredId(stream: string, group: string): Promise<string | null>;
  /** Up to `count` entries after `after` (exclusive; null for the start) up to `until` (inclusive), in order. */
  range(stream: string, after: string | null, until: string, count: number): Promise<RawEntry[]>;
  /** The oldest entry's ID, or null for an empty or missing stream. */
  firstEntryId(stream: string): Promise<string | null>;
  /** Moves up to `count` of the group's pending entries (any consumer's), from `from` on, to `consumer`. */
  claimPending(stream: string, group: string, consumer: string, from: string, count: number): Promise<ClaimedPage>;
  /** Acknowledges entries; nothing to acknowledge is no command at all. */
  ack(stream: string, group: string, ids: readonly string[]): Promise<void>;
  /** Moves the group's last-delivered ID, so its next read starts after `id`. */
  setGroupId(stream: string, group: string, id: string): Promise<void>;
  /** Trims entries older than `minId` (approximately, in whole nodes); returns how many went. */
  trimMinId(stream: string, minId: string): Promise<number>;
}

/** One stream's part of a plain (group-less) read. */
export interface StreamBatch {
  stream: string;
  entries: RawEntry[];
}

/** A connection of its own for blocking group reads. */
export interface BlockingStreamsClient {
  /** Reads up to `count` entries per stream after each one's `after` (null: from the start), waiting up to `blockMs`; no group, nothing acknowledged. */
  read(streams: readonly { stream: string; after: string | null }[], count: number, blockMs: number): Promise<StreamBatch[]>;
  /**
   * Reads up to `count` new entries per stream for `consumer`, waiting up to `blockMs`; [] when none came. With `noAck`
   * (XREADGROUP NOACK) the group moves past them without adding them to its pending entries: nothing to acknowledge; such a
   * read is made while behind, and does not wait (it comes packed by a script, which may not block).
   */
  readGroup(group: string, consumer: string, streams: readonly string[], count: number, blockMs: number, noAck?: boolean): Promise<GroupBatch[]>;
  /** Closes the connection; a read in flight fails. */
  disconnect(): void;
}
