// What the server refused lately, for the admin page: the newest few hundred refusals of this
// process (logins, handshakes, requests), each also logged. Never a password or a token.
import type { Refusal } from '../contract/access.js';

export type { Refusal, RefusalKind } from '../contract/access.js';

export class RefusalLog {
  private readonly entries: Refusal[] = [];

  constructor(private readonly capacity = 200) {}

  add(refusal: Refusal): void {
    this.entries.push(refusal);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Newest first. */
  list(): Refusal[] {
    return [...this.entries].reverse();
  }
}
