import { LitElement, html, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { QUIET_ZONE, qrGeometry, type QrGeometry } from './qr-geometry.js';
import styles from './wb-qr-code.styles.js';

/** A scannable QR code of `text`, dark on white with its quiet zone, at the element's size. */
export class WbQrCode extends LitElement {
  static override styles = styles;

  /** What the code holds (a display's link). */
  @property() text = '';
  /** Accessible name of the image. */
  @property() label = '';

  private geometry: QrGeometry | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text')) this.geometry = this.text ? qrGeometry(this.text) : null;
  }

  override render() {
    const g = this.geometry;
    if (!g) return html``;
    const side = g.size + 2 * QUIET_ZONE;
    return html`<svg viewBox="${-QUIET_ZONE} ${-QUIET_ZONE} ${side} ${side}" role="img" aria-label=${this.label} shape-rendering="crispEdges">
      ${svg`<rect x=${-QUIET_ZONE} y=${-QUIET_ZONE} width=${side} height=${side} fill="#fff"></rect><path d=${g.path} fill="#000"></path>`}
    </svg>`;
  }
}
