import { WbAlarmRulesAdmin } from './wb-alarm-rules-admin.component.js';

export { WbAlarmRulesAdmin };
customElements.get('wb-alarm-rules-admin') ?? customElements.define('wb-alarm-rules-admin', WbAlarmRulesAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'wb-alarm-rules-admin': WbAlarmRulesAdmin;
  }
}
