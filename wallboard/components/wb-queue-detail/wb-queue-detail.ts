import { WbQueueDetail } from './wb-queue-detail.component.js';

export { WbQueueDetail };
customElements.get('wb-queue-detail') ?? customElements.define('wb-queue-detail', WbQueueDetail);

declare global {
  interface HTMLElementTagNameMap {
    'wb-queue-detail': WbQueueDetail;
  }
}
