import { WbQueueTable } from './wb-queue-table.component.js';

export { WbQueueTable };
customElements.get('wb-queue-table') ?? customElements.define('wb-queue-table', WbQueueTable);

declare global {
  interface HTMLElementTagNameMap {
    'wb-queue-table': WbQueueTable;
  }
}
