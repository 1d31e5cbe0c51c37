// Which calls the minute's sweep (calls.ts) has to look at. A large centre holds 20-35k call
// records, and the sweep visited every one of them once a minute of Redis time, though a call
// is forgotten at the soonest half an hour after it was last seen. Each call is watched here
// under a time at or before when it was last seen, in a heap, so the sweep takes out only those
// watched since before its horizon; one still in use goes back under its newer time. Not part of
// the checkpoint: a restored state watches its calls anew, in the order it holds them.

/** What the index reads of a call record (calls.ts): the Redis time of the last entry about it, which only grows. */
interface SeenCall {
  lastSeenAt: number;
}

export interface Watched<C extends SeenCall = SeenCall> {
  /** At or before the call's lastSeenAt. */
  at: number;
  /** The order calls entered the calls Map, so the sweep goes through them in that Map's order. */
  seq: number;
  call: C;
}

export interface CallExpiry<C extends SeenCall = SeenCall> {
  /** A binary min-heap on `at`. */
  heap: Watched<C>[];
  nextSeq: number;
}

export const newCallExpiry = <C extends SeenCall>(): CallExpiry<C> => ({ heap: [], nextSeq: 0 });

/** A call just put in the calls Map: watched from when it was last seen. */
export function watchCall<C extends SeenCall>(expiry: CallExpiry<C>, call: C): void {
  push(expiry.heap, { at: call.lastSeenAt, seq: expiry.nextSeq++, call });
}

/** A call taken out by takeSeenBefore() that stays: watched again from when it was last seen, in its place in the order. */
export function watchAgain<C extends SeenCall>(expiry: CallExpiry<C>, watched: Watched<C>): void {
  watched.at = watched.call.lastSeenAt;
  push(expiry.heap, watched);
}

/**
 * Takes out every call watched from before `before`, in the order they entered the calls Map. Each is either
 * forgotten (or was already: the caller checks the Map still holds that record) or goes back with watchAgain().
 */
export function takeSeenBefore<C extends SeenCall>(expiry: CallExpiry<C>, before: number): Watched<C>[] {
  const heap = expiry.heap;
  const taken: Watched<C>[] = [];
  while (heap.length > 0 && heap[0]!.at < before) taken.push(pop(heap));
  return taken.sort(bySeq);
}

const bySeq = (a: Watched, b: Watched) => a.seq - b.seq;

function push<C extends SeenCall>(heap: Watched<C>[], item: Watched<C>): void {
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.at <= item.at) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = item;
}

function pop<C extends SeenCall>(heap: Watched<C>[]): Watched<C> {
  const top = heap[0]!;
  const last = heap.pop()!;
  const n = heap.length;
  if (n === 0) return top;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    const right = left + 1;
    const child = right < n && heap[right]!.at < heap[left]!.at ? right : left;
    if (heap[child]!.at >= last.at) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
  return top;
}
