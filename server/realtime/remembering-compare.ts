// The push's comparison of snapshots: many rooms show the same objects and lists (a frame's rows
// are shared by every view that shows them), so each object's fingerprint and each list's change
// is computed once and remembered. Snapshots are never changed once made, which is what makes
// remembering by identity sound; weak maps let a frame's objects go with the frame.
import { fingerprint, type DiffCompare, type ListChange, type ListKey } from '../contract/delta.js';

export function createRememberingCompare(): DiffCompare {
  const fingerprints = new WeakMap<object, string>();
  const changes = new Map<ListKey, WeakMap<readonly unknown[], WeakMap<readonly unknown[], ListChange<unknown> | null>>>();
  return {
    fingerprint(value) {
      if (typeof value !== 'object' || value === null) return fingerprint(value);
      let text = fingerprints.get(value);
      if (text === undefined) fingerprints.set(value, (text = fingerprint(value)));
      return text;
    },
    list(key, prev, next, compute) {
      let byPrev = changes.get(key);
      if (!byPrev) changes.set(key, (byPrev = new WeakMap()));
      let byNext = byPrev.get(prev);
      if (!byNext) byPrev.set(prev, (byNext = new WeakMap()));
      if (byNext.has(next)) return byNext.get(next)!;
      const change = compute();
      byNext.set(next, change);
      return change;
    },
  };
}
