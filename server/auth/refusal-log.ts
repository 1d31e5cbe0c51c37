// What the server refused lately, for the admin page: the newest few hundred refusals of this
// process (logins, handshakes, requests), each also logged. Never a password or a token.
export type RefusalKind = 'login' | 'throttled' | 'unauthorized' | 'forbidden' | 'csrf' | 'origin' | 'handshake';

export interface Refusal {
  ts: number;
  kind: RefusalKind;
  /** The client's address. */
  address: string;
  path: string;
  reason: string;
  /** The user name tried or the principal refused, when there was one. */
  name: string | null;
}

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
