import { WbReportTraffic } from './wb-report-traffic.component.js';

export { WbReportTraffic };
customElements.get('wb-report-traffic') ?? customElements.define('wb-report-traffic', WbReportTraffic);

declare global {
  interface HTMLElementTagNameMap {
    'wb-report-traffic': WbReportTraffic;
  }
}
