// The model's agenda: a binary min-heap of pending happenings ordered by time, then by the
// order they were scheduled. The tie-break is what makes a seeded run reproducible: two
// happenings at the same millisecond always come out in the same order.

interface Slot<T> {
  ts: number;
  order: number;
  item: T;
}

export class EventHeap<T> {
  private readonly slots: Slot<T>[] = [];
  private scheduled = 0;

  get size(): number {
    return this.slots.length;
  }

  push(ts: number, item: T): void {
    if (Number.isNaN(ts)) throw new RangeError('cannot schedule at NaN');
    const slots = this.slots;
    slots.push({ ts, order: this.scheduled++, item });
    let i = slots.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(slots[i]!, slots[parent]!)) break;
      [slots[i], slots[parent]] = [slots[parent]!, slots[i]!];
      i = parent;
    }
  }

  /** Time of the earliest happening, or Infinity when the agenda is empty. */
  peekTs(): number {
    return this.slots[0]?.ts ?? Number.POSITIVE_INFINITY;
  }

  pop(): { ts: number; item: T } | undefined {
    const slots = this.slots;
    const top = slots[0];
    if (!top) return undefined;
    const last = slots.pop()!;
    if (slots.length > 0) {
      slots[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < slots.length && before(slots[left]!, slots[smallest]!)) smallest = left;
        if (right < slots.length && before(slots[right]!, slots[smallest]!)) smallest = right;
        if (smallest === i) break;
        [slots[i], slots[smallest]] = [slots[smallest]!, slots[i]!];
        i = smallest;
      }
    }
    return { ts: top.ts, item: top.item };
  }
}

function before<T>(a: Slot<T>, b: Slot<T>): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.order < b.order);
}
