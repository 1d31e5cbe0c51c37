import { WbReportAlarms } from './wb-report-alarms.component.js';

export { WbReportAlarms };
customElements.get('wb-report-alarms') ?? customElements.define('wb-report-alarms', WbReportAlarms);

declare global {
  interface HTMLElementTagNameMap {
    'wb-report-alarms': WbReportAlarms;
  }
}
