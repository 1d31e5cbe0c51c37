import { css } from 'lit';

export default css`
  :host { display: inline-flex; }
  div { display: inline-flex; border: 1px solid var(--wb-border, #263241); border-radius: 999px; overflow: hidden; }
  button { font: inherit; color: inherit; background: transparent; border: 0; min-height: 2.75em; min-width: 3.5em; padding: 0 0.9em; cursor: pointer; }
  button[aria-pressed='true'] { background: var(--wb-panel-2, #18212c); font-weight: 700; box-shadow: inset 0 -3px var(--wb-answered, #4aa8ff); }
  button:focus-visible { outline: 3px solid var(--wb-answered, #4aa8ff); outline-offset: -3px; }
`;
