import { WbKpiGauge } from './wb-kpi-gauge.component.js';

export { WbKpiGauge };
customElements.get('wb-kpi-gauge') ?? customElements.define('wb-kpi-gauge', WbKpiGauge);

declare global {
  interface HTMLElementTagNameMap {
    'wb-kpi-gauge': WbKpiGauge;
  }
}
