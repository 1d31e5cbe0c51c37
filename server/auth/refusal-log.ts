// What the server refused lately, for the admin page: the newest few hundred refusals of this
// process (logins, handshakes, requests), each also logged. Never a password or a token. The
// admin page reads every node's through the cluster bus (realtime/cluster-bus.ts) and merges them.
import type { Refusal } from '../contract/access.js';

export type { Refusal, RefusalKind } from '../contract/access.js';

/** The most refusals an admin is shown: one node's capacity. */
const DEFAULT_CAPACITY = 200;

export class RefusalLog {
  private readonly entries: Refusal[] = [];

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  add(refusal: Refusal): void {
    this.entries.push(refusal);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Newest first. */
  list(): Refusal[] {
    return [...this.entries].reverse();
  }
}

/** Several nodes' lists (each newest first) as one, newest first, at most `capacity` long. */
export function mergeRefusals(lists: readonly Refusal[][], capacity = DEFAULT_CAPACITY): Refusal[] {
  return lists
    .flat()
    .sort((a, b) => b.ts - a.ts)
    .slice(0, capacity);
}
