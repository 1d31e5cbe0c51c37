import { WbWaitSummary } from './wb-wait-summary.component.js';

export { WbWaitSummary };
customElements.get('wb-wait-summary') ?? customElements.define('wb-wait-summary', WbWaitSummary);

declare global {
  interface HTMLElementTagNameMap {
    'wb-wait-summary': WbWaitSummary;
  }
}
