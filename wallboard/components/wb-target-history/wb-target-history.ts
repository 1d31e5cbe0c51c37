import { WbTargetHistory } from './wb-target-history.component.js';

export { WbTargetHistory };
customElements.get('wb-target-history') ?? customElements.define('wb-target-history', WbTargetHistory);

declare global {
  interface HTMLElementTagNameMap {
    'wb-target-history': WbTargetHistory;
  }
}
