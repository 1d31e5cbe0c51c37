import { WbKpiTile } from './wb-kpi-tile.component.js';

export { WbKpiTile };
customElements.get('wb-kpi-tile') ?? customElements.define('wb-kpi-tile', WbKpiTile);

declare global {
  interface HTMLElementTagNameMap {
    'wb-kpi-tile': WbKpiTile;
  }
}
