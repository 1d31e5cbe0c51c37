import { WbReportDay } from './wb-report-day.component.js';

export { WbReportDay };
customElements.get('wb-report-day') ?? customElements.define('wb-report-day', WbReportDay);

declare global {
  interface HTMLElementTagNameMap {
    'wb-report-day': WbReportDay;
  }
}
