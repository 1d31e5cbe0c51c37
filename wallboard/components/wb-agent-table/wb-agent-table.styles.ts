import { css } from 'lit';

export default css`
  :host { display: block; }
  .scroll { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; }
  th { text-align: left; font-weight: 500; font-size: 0.9em; color: var(--wb-text-dim, #8d9bab); padding: 0; border-bottom: 1px solid var(--wb-border, #263241); white-space: nowrap; }
  th button { font: inherit; color: inherit; background: none; border: 0; padding: 0.45em 0.5em; width: 100%; text-align: inherit; cursor: pointer; min-height: 2.4em; }
  th[aria-sort='ascending'], th[aria-sort='descending'] { color: var(--wb-text, #e9eef4); }
  .arrow { margin-left: 0.3em; font-size: 0.75em; }
  td { padding: 0.55em 0.5em; border-bottom: 1px solid var(--wb-border-soft, #1b2430); white-space: nowrap; }
  td.name { font-weight: 600; max-width: 12em; overflow: hidden; text-overflow: ellipsis; }
  td.name small { color: var(--wb-text-dim, #8d9bab); font-weight: 400; margin-left: 0.4em; }
  .state { display: inline-flex; align-items: center; gap: 0.4em; }
  .swatch { width: 0.75em; height: 0.75em; border-radius: 0.15em; }
  .reason { display: inline-block; color: var(--wb-text, #e9eef4); font-size: 0.9em; margin-left: 0.3em; padding: 0.05em 0.4em; border-radius: 0.25em; background: var(--wb-track, #222d3a); max-width: 14em; overflow: hidden; text-overflow: ellipsis; }
  .num { text-align: right; }
  th.num button { text-align: right; }
  tr.level-long td:first-child { box-shadow: inset 0.3em 0 0 var(--wb-at-risk, #f5b83d); }
  tr.level-veryLong td:first-child { box-shadow: inset 0.3em 0 0 var(--wb-missed, #ff5d52); }
  tr.level-long td.time { color: var(--wb-at-risk, #f5b83d); font-weight: 600; }
  tr.level-veryLong td.time { color: var(--wb-missed, #ff5d52); font-weight: 700; }
  .mark { font-size: 0.8em; margin-right: 0.5em; }
  td.missed { color: var(--wb-missed, #ff5d52); }
  .hidden-note { color: var(--wb-text-dim, #8d9bab); font-size: 0.85em; padding: 0.5em; }
  .empty { color: var(--wb-text-dim, #8d9bab); padding: 0.8em 0.5em; }
`;
