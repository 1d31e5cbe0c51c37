import { WbHoldBoard } from './wb-hold-board.component.js';

export { WbHoldBoard };
customElements.get('wb-hold-board') ?? customElements.define('wb-hold-board', WbHoldBoard);

declare global {
  interface HTMLElementTagNameMap {
    'wb-hold-board': WbHoldBoard;
  }
}
