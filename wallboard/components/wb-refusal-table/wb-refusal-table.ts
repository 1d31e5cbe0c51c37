import { WbRefusalTable } from './wb-refusal-table.component.js';

export { WbRefusalTable };
customElements.get('wb-refusal-table') ?? customElements.define('wb-refusal-table', WbRefusalTable);

declare global {
  interface HTMLElementTagNameMap {
    'wb-refusal-table': WbRefusalTable;
  }
}
