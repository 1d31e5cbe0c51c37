import { WbAlarmList, type WbAlarmAckEvent } from './wb-alarm-list.component.js';

export { WbAlarmList, type WbAlarmAckEvent };
customElements.get('wb-alarm-list') ?? customElements.define('wb-alarm-list', WbAlarmList);

declare global {
  interface HTMLElementTagNameMap {
    'wb-alarm-list': WbAlarmList;
  }
  interface GlobalEventHandlersEventMap {
    'wb-alarm-ack': WbAlarmAckEvent;
  }
}
