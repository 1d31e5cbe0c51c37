import { WbLeadView } from './wb-lead-view.component.js';

export { WbLeadView };
customElements.get('wb-lead-view') ?? customElements.define('wb-lead-view', WbLeadView);

declare global {
  interface HTMLElementTagNameMap {
    'wb-lead-view': WbLeadView;
  }
}
