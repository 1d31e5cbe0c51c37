import { css } from 'lit';

export default css`
  details.create > summary { cursor: pointer; font-weight: 700; min-height: 2.75em; display: flex; align-items: center; list-style-position: inside; }
  details.create > summary::-webkit-details-marker { display: none; }
  details.create > summary::before { content: '+'; display: inline-grid; place-items: center; width: 1.6em; height: 1.6em; margin-inline-end: 0.6em; border-radius: 50%;
    background: var(--wb-answered, #4aa8ff); color: #06121f; font-weight: 800; }
  details.create[open] > summary::before { content: '−'; }
  details.create[open] > summary { margin-bottom: 0.8em; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 30em), 1fr)); gap: 1em; }
  .display { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 1em; align-items: start; }
  .display.created { border-color: var(--wb-answered, #4aa8ff); }
  wb-qr-code { width: 9.5em; height: 9.5em; }
  .info { display: flex; flex-direction: column; gap: 0.6em; min-width: 0; }
  .info h3 { font-size: 1.2em; overflow-wrap: anywhere; }
  dl { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.25em 0.8em; margin: 0; font-size: 0.95em; }
  dt { color: var(--wb-text-dim, #8d9bab); }
  dd { margin: 0; overflow-wrap: anywhere; }
  dd.on { color: var(--wb-met, #3ccf7e); font-weight: 700; }
  input.link { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 0.85em; min-height: 2.4em; color: var(--wb-text-dim, #8d9bab); }
  .pages { display: flex; flex-direction: column; gap: 0.8em; align-items: flex-start; }
  .pages > .hint { margin: 0; }
  fieldset.page { align-self: stretch; margin: 0; padding: 0.6em 0.9em 0.9em; border: 1px solid var(--wb-border, #263241); border-radius: 0.6em;
    display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 13em), 1fr)); gap: 0.7em 1em; align-items: end; }
  fieldset.page legend { padding: 0 0.4em; font-weight: 700; color: var(--wb-text-dim, #8d9bab); }
  @media (max-width: 34em) { .display { grid-template-columns: 1fr; } }
`;
