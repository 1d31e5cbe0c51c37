import { WbTvView } from './wb-tv-view.component.js';

export { WbTvView };
customElements.get('wb-tv-view') ?? customElements.define('wb-tv-view', WbTvView);

declare global {
  interface HTMLElementTagNameMap {
    'wb-tv-view': WbTvView;
  }
}
