// Rotating pages for lists longer than a screen. The page shown is a function of server time,
// so every screen on the floor turns its pages together and a reload lands on the same page.

export function pageCount(items: number, perPage: number): number {
  return Math.max(1, Math.ceil(items / Math.max(1, perPage)));
}

export function pageAt(serverNow: number, rotateMs: number, pages: number): number {
  return pages <= 1 ? 0 : Math.floor(serverNow / rotateMs) % pages;
}

/** How many rows of `rowPx` fit in `availablePx`, at least one. */
export function rowsThatFit(availablePx: number, rowPx: number): number {
  return Math.max(1, Math.floor(availablePx / Math.max(1, rowPx)));
}
