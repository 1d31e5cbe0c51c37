// Stream entry IDs ("<ms>-<seq>"): the delivery identity of an event and its Redis append time.

/** Entry IDs are "ms-seq"; compares them as the pair of numbers they are. */
export function compareEntryIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}

export function entryIdMs(id: string): number {
  const dash = id.indexOf('-');
  return Number(dash === -1 ? id : id.slice(0, dash));
}
