import { WbRateHistoryChart } from './wb-rate-history-chart.component.js';

export { WbRateHistoryChart };
customElements.get('wb-rate-history-chart') ?? customElements.define('wb-rate-history-chart', WbRateHistoryChart);

declare global {
  interface HTMLElementTagNameMap {
    'wb-rate-history-chart': WbRateHistoryChart;
  }
}
