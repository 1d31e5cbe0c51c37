import { WbIntradayChart } from './wb-intraday-chart.component.js';

export { WbIntradayChart };
customElements.get('wb-intraday-chart') ?? customElements.define('wb-intraday-chart', WbIntradayChart);

declare global {
  interface HTMLElementTagNameMap {
    'wb-intraday-chart': WbIntradayChart;
  }
}
