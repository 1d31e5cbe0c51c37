import { WbReportSl } from './wb-report-sl.component.js';

export { WbReportSl };
customElements.get('wb-report-sl') ?? customElements.define('wb-report-sl', WbReportSl);

declare global {
  interface HTMLElementTagNameMap {
    'wb-report-sl': WbReportSl;
  }
}
