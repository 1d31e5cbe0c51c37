import { WbTargetChart } from './wb-target-chart.component.js';

export { WbTargetChart };
customElements.get('wb-target-chart') ?? customElements.define('wb-target-chart', WbTargetChart);

declare global {
  interface HTMLElementTagNameMap {
    'wb-target-chart': WbTargetChart;
  }
}
