import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { statusIcon, type Status } from '../../theme/status-icons.js';
import styles from './wb-status-badge.styles.js';

/** A status told three ways: colour, shape and words. */
export class WbStatusBadge extends LitElement {
  static override styles = [baseStyles, statusStyles, styles];

  /** Which status to show. */
  @property({ reflect: true }) status: Status = 'noData';
  /** The status in words, already translated. */
  @property() label = '';

  override render() {
    return html`<span class="badge status-${this.status}"
      ><svg class="status-icon" viewBox="0 0 24 24" aria-hidden="true">${statusIcon(this.status)}</svg
      ><span class="label">${this.label}</span></span
    >`;
  }
}
