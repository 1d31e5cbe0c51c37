import { WbAlertLog } from './wb-alert-log.component.js';

export { WbAlertLog };
customElements.get('wb-alert-log') ?? customElements.define('wb-alert-log', WbAlertLog);

declare global {
  interface HTMLElementTagNameMap {
    'wb-alert-log': WbAlertLog;
  }
}
