// Tracks the size of a Lit host, so charts can draw in real pixels and lists can tell how many
// rows fit. One ResizeObserver per host, released when the host leaves the DOM.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface SizeControllerOptions {
  /** Width in px until the host is first measured (and where there is no ResizeObserver). @default 300 */
  width?: number;
  /** Height in px until the host is first measured. @default 150 */
  height?: number;
}

export class SizeController implements ReactiveController {
  width: number;
  height: number;
  private observer: ResizeObserver | null = null;
  private emFor = '';
  private emPx = 16;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    options: SizeControllerOptions = {},
  ) {
    this.width = options.width ?? 300;
    this.height = options.height ?? 150;
    host.addController(this);
  }

  /** The host's font size in px (1 em), read again when its size changes: fonts follow the screen. */
  get em(): number {
    const key = `${this.width}x${this.height}`;
    if (key !== this.emFor) {
      this.emFor = key;
      this.emPx = parseFloat(getComputedStyle(this.host).fontSize) || 16;
    }
    return this.emPx;
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box || box.width === 0 || box.height === 0) return;
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      if (width === this.width && height === this.height) return;
      this.width = width;
      this.height = height;
      this.host.requestUpdate();
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}
