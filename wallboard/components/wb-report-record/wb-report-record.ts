import { WbReportRecord } from './wb-report-record.component.js';

export { WbReportRecord };
customElements.get('wb-report-record') ?? customElements.define('wb-report-record', WbReportRecord);

declare global {
  interface HTMLElementTagNameMap {
    'wb-report-record': WbReportRecord;
  }
}
