import { WbQueueCard } from './wb-queue-card.component.js';

export { WbQueueCard };
customElements.get('wb-queue-card') ?? customElements.define('wb-queue-card', WbQueueCard);

declare global {
  interface HTMLElementTagNameMap {
    'wb-queue-card': WbQueueCard;
  }
}
