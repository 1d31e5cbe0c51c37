import { WbReportKpis } from './wb-report-kpis.component.js';

export { WbReportKpis };
customElements.get('wb-report-kpis') ?? customElements.define('wb-report-kpis', WbReportKpis);

declare global {
  interface HTMLElementTagNameMap {
    'wb-report-kpis': WbReportKpis;
  }
}
