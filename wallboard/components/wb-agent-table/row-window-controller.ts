// Keeps a Lit host's window of rows (row-window.ts) in step with its scroller: re-renders when a
// scroll or a resize brings other rows into sight, and measures a drawn row's height once (and
// again after a resize, as fonts follow the screen) rather than on every update, which would
// force a layout each time.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { rowWindow, type RowWindow } from './row-window.js';

export interface RowWindowControllerOptions {
  /** The element the rows scroll in, as the host rendered it; null while there is none. */
  scroller: () => HTMLElement | null;
  /** The rows drawn now, in order, to measure one's height from. */
  rows: () => ArrayLike<Element>;
  /** A row's height in px until one is measured (and where nothing lays out). @default 41 */
  rowPx?: number;
  /** The scroller's visible height in px until it is measured (and where nothing lays out). @default 640 */
  viewportPx?: number;
  /** Rows drawn beyond each end of the visible ones, so a flick does not show blank space before the next render. @default 8 */
  overscan?: number;
}

export class RowWindowController implements ReactiveController {
  private readonly scroller: () => HTMLElement | null;
  private readonly rows: () => ArrayLike<Element>;
  private readonly overscan: number;
  private readonly fallbackViewportPx: number;
  private rowPx: number;
  private viewportPx: number;
  private scrollTop = 0;
  private count = 0;
  private measured = false;
  private drawn: RowWindow | null = null;
  private attached: HTMLElement | null = null;
  private observer: ResizeObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: RowWindowControllerOptions,
  ) {
    this.scroller = options.scroller;
    this.rows = options.rows;
    this.rowPx = options.rowPx ?? 41;
    this.fallbackViewportPx = options.viewportPx ?? 640;
    this.viewportPx = this.fallbackViewportPx;
    this.overscan = options.overscan ?? 8;
    host.addController(this);
  }

  /** The rows to draw out of `count`, for the scroll position and sizes last seen. */
  window(count: number): RowWindow {
    this.count = count;
    this.drawn = this.compute();
    return this.drawn;
  }

  /** Back to the first row (after the order changed, the lead wants to see its top). */
  toTop(): void {
    this.scrollTop = 0;
    if (this.attached) this.attached.scrollTop = 0;
  }

  hostUpdated(): void {
    const scroller = this.scroller();
    if (scroller !== this.attached) this.attach(scroller);
    if (!this.measured) this.measure();
  }

  hostDisconnected(): void {
    this.attach(null);
  }

  private compute(): RowWindow {
    return rowWindow({ count: this.count, scrollTop: this.scrollTop, viewportPx: this.viewportPx, rowPx: this.rowPx, overscan: this.overscan });
  }

  private attach(scroller: HTMLElement | null): void {
    this.attached?.removeEventListener('scroll', this.onScroll);
    this.observer?.disconnect();
    this.observer = null;
    this.attached = scroller;
    if (!scroller) return;
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
    this.scrollTop = scroller.scrollTop;
    if (typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver(() => {
      const height = scroller.clientHeight || this.fallbackViewportPx;
      if (height === this.viewportPx && this.measured) return;
      this.viewportPx = height;
      this.measured = false;
      this.host.requestUpdate();
    });
    this.observer.observe(scroller);
  }

  private readonly onScroll = () => {
    if (!this.attached) return;
    this.scrollTop = this.attached.scrollTop;
    const next = this.compute();
    if (next.start !== this.drawn?.start || next.end !== this.drawn.end) this.host.requestUpdate();
  };

  /** A row's height from the drawn rows' extent; nothing when they are not laid out (hidden, or no layout at all). */
  private measure(): void {
    const rows = this.rows();
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last) return;
    const top = first.getBoundingClientRect().top;
    const bottom = last.getBoundingClientRect().bottom;
    const rowPx = (bottom - top) / rows.length;
    if (!(rowPx > 0)) return;
    this.measured = true;
    if (Math.abs(rowPx - this.rowPx) < 0.01) return;
    this.rowPx = rowPx;
    this.host.requestUpdate();
  }
}
