import { WbQueueSettings } from './wb-queue-settings.component.js';

export { WbQueueSettings };
customElements.get('wb-queue-settings') ?? customElements.define('wb-queue-settings', WbQueueSettings);

declare global {
  interface HTMLElementTagNameMap {
    'wb-queue-settings': WbQueueSettings;
  }
}
