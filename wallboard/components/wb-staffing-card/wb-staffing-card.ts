import { WbStaffingCard } from './wb-staffing-card.component.js';

export { WbStaffingCard };
customElements.get('wb-staffing-card') ?? customElements.define('wb-staffing-card', WbStaffingCard);

declare global {
  interface HTMLElementTagNameMap {
    'wb-staffing-card': WbStaffingCard;
  }
}
