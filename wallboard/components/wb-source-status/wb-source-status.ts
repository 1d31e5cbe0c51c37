import { WbSourceStatus } from './wb-source-status.component.js';

export { WbSourceStatus };
customElements.get('wb-source-status') ?? customElements.define('wb-source-status', WbSourceStatus);

declare global {
  interface HTMLElementTagNameMap {
    'wb-source-status': WbSourceStatus;
  }
}
