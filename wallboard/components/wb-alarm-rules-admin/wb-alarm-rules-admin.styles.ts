import { css } from 'lit';

export default css`
  :host { display: block; }
  .meta { color: var(--wb-text-dim, #8d9bab); font-size: 0.9rem; margin: 0; }
  textarea { width: 100%; box-sizing: border-box; min-height: 22rem; font-family: ui-monospace, monospace; font-size: 0.9rem; }
  .ok { color: var(--wb-met, #3ccf7e); }
  table.rules { min-width: 46em; }
  table.rules th, table.rules td { padding: 0.35em 0.4em; vertical-align: top; }
  table.rules th.group { text-align: center; border-bottom: 1px solid var(--wb-border, #263241); }
  table.rules td.name { font-weight: 600; min-width: 9em; padding-top: 0.9em; }
  table.rules tr.off td:not(.name):not(.switch) { opacity: 0.45; }
  table.rules input:not([type='checkbox']) { width: 5.2em; min-height: 2.6em; padding: 0.35em 0.5em; }
  table.rules select { min-height: 2.6em; padding: 0.35em 0.5em; width: auto; }
  td.switch { padding-top: 0.8em; }
  .field-error { display: block; color: var(--wb-missed, #ff5d52); font-size: 0.8em; font-weight: 600; max-width: 11em; margin-top: 0.2em; }
  [aria-invalid='true'] { border-color: var(--wb-missed, #ff5d52) !important; outline: 1px solid var(--wb-missed, #ff5d52); }
  .queue-head { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: flex-end; margin-bottom: 0.6em; }
  .queue-head label { flex: 0 1 18em; }
  .kpi { display: flex; flex-wrap: wrap; gap: 0.8em 1.2em; align-items: flex-end; }
  .kpi label:not(.check) input { width: 7em; }
  .bar { position: sticky; bottom: 0; display: flex; flex-wrap: wrap; gap: 0.6em; align-items: center; padding: 0.7em 0;
    background: var(--wb-bg, #0b1016); border-top: 1px solid var(--wb-border, #263241); }
  .bar .spacer { flex: 1; }
`;
