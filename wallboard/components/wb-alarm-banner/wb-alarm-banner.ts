import { WbAlarmBanner } from './wb-alarm-banner.component.js';

export { WbAlarmBanner };
customElements.get('wb-alarm-banner') ?? customElements.define('wb-alarm-banner', WbAlarmBanner);

declare global {
  interface HTMLElementTagNameMap {
    'wb-alarm-banner': WbAlarmBanner;
  }
}
