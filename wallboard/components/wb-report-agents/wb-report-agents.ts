import { WbReportAgents } from './wb-report-agents.component.js';

export { WbReportAgents };
customElements.get('wb-report-agents') ?? customElements.define('wb-report-agents', WbReportAgents);

declare global {
  interface HTMLElementTagNameMap {
    'wb-report-agents': WbReportAgents;
  }
}
