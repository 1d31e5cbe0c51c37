import { WbAgentTable } from './wb-agent-table.component.js';

export { WbAgentTable };
customElements.get('wb-agent-table') ?? customElements.define('wb-agent-table', WbAgentTable);

declare global {
  interface HTMLElementTagNameMap {
    'wb-agent-table': WbAgentTable;
  }
}
