import { WbQueueList } from './wb-queue-list.component.js';

export { WbQueueList };
customElements.get('wb-queue-list') ?? customElements.define('wb-queue-list', WbQueueList);

declare global {
  interface HTMLElementTagNameMap {
    'wb-queue-list': WbQueueList;
  }
}
