import { WbAgentStates } from './wb-agent-states.component.js';

export { WbAgentStates };
customElements.get('wb-agent-states') ?? customElements.define('wb-agent-states', WbAgentStates);

declare global {
  interface HTMLElementTagNameMap {
    'wb-agent-states': WbAgentStates;
  }
}
