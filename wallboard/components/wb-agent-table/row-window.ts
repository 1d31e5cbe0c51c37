// Which rows of a long list of fixed-height rows a scroller shows: the table draws only those (and
// a few either side, so a quick flick does not outrun it) between two spacers that keep the
// scrollbar and the scroll position true to the whole list. Pure, so it is tested without layout.

export interface RowWindow {
  /** Index of the first row drawn. */
  start: number;
  /** One past the index of the last row drawn. */
  end: number;
  /** Height of the spacer above the drawn rows, in px. */
  beforePx: number;
  /** Height of the spacer below them, in px. */
  afterPx: number;
}

export interface RowWindowInput {
  /** Rows in the whole list. */
  count: number;
  /** How far the scroller is scrolled, in px. */
  scrollTop: number;
  /** The scroller's visible height, in px. */
  viewportPx: number;
  /** One row's height, in px (> 0). */
  rowPx: number;
  /** Rows drawn beyond each end of the visible ones. */
  overscan: number;
}

/** The rows to draw; a scroll position past the end (the list just got shorter) shows the last rows. */
export function rowWindow({ count, scrollTop, viewportPx, rowPx, overscan }: RowWindowInput): RowWindow {
  const visible = Math.ceil(viewportPx / rowPx) + 1;
  const first = Math.min(Math.max(0, Math.floor(scrollTop / rowPx)), Math.max(0, count - visible));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, beforePx: start * rowPx, afterPx: (count - end) * rowPx };
}
