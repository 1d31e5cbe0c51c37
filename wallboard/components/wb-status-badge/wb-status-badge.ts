import { WbStatusBadge } from './wb-status-badge.component.js';

export { WbStatusBadge };
customElements.get('wb-status-badge') ?? customElements.define('wb-status-badge', WbStatusBadge);

declare global {
  interface HTMLElementTagNameMap {
    'wb-status-badge': WbStatusBadge;
  }
}
