import { css } from 'lit';

export default css`
  :host { display: flex; flex-direction: column; gap: 0.5em; min-width: 0; }
  .legend { display: flex; flex-wrap: wrap; gap: 0.3em 1.1em; font-size: 0.85em; color: var(--wb-text-dim, #8d9bab); }
  .legend span { display: inline-flex; align-items: center; gap: 0.35em; }
  .key { display: inline-block; width: 1.1em; height: 0.2em; background: var(--wb-text, #e9eef4); }
  .key.dash { background: repeating-linear-gradient(90deg, var(--wb-text, #e9eef4) 0 0.3em, transparent 0.3em 0.5em); height: 0.14em; }
  .key.zone { width: 0.8em; height: 0.8em; border-radius: 0.12em; opacity: 0.8; }
  .key.zone.met { background: var(--wb-met, #3ccf7e); }
  .key.zone.atRisk { background: var(--wb-at-risk, #f5b83d); }
  .key.zone.missed { background: var(--wb-missed, #ff5d52); }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(12.5em, 1fr)); gap: 0.6em; }
  .card { background: var(--wb-panel, #121a23); border: 1px solid var(--wb-border, #263241); border-radius: 0.5em; padding: 0.45em 0.6em 0.3em;
    display: flex; flex-direction: column; gap: 0.15em; min-width: 0; }
  .name { font-size: 0.85em; font-weight: 700; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
  .figures { display: flex; align-items: center; gap: 0.6em; }
  .value { font-size: 1.45em; line-height: 1.1; color: var(--status-colour); }
  .unit { font-size: 0.55em; font-weight: 600; margin-left: 0.15em; color: var(--wb-text-dim, #8d9bab); }
  wb-status-badge { font-size: 0.85em; }
  wb-target-chart { height: 5.6em; font-size: 0.95em; }
`;
