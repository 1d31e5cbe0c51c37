import { WbReportWorst } from './wb-report-worst.component.js';

export { WbReportWorst };
customElements.get('wb-report-worst') ?? customElements.define('wb-report-worst', WbReportWorst);

declare global {
  interface HTMLElementTagNameMap {
    'wb-report-worst': WbReportWorst;
  }
}
