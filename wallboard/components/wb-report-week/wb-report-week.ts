import { WbReportWeek } from './wb-report-week.component.js';

export { WbReportWeek };
customElements.get('wb-report-week') ?? customElements.define('wb-report-week', WbReportWeek);

declare global {
  interface HTMLElementTagNameMap {
    'wb-report-week': WbReportWeek;
  }
}
