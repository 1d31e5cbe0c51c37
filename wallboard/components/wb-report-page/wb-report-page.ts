import { WbReportPage } from './wb-report-page.component.js';

export { WbReportPage };
customElements.get('wb-report-page') ?? customElements.define('wb-report-page', WbReportPage);

declare global {
  interface HTMLElementTagNameMap {
    'wb-report-page': WbReportPage;
  }
}
