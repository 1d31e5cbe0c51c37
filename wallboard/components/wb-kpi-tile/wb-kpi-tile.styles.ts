import { css } from 'lit';

export default css`
  :host { display: flex; flex-direction: column; justify-content: space-between; min-width: 0; gap: 0.3em; }
  .label { font-size: 1.05em; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .value { color: var(--status-colour); font-size: 2.9em; font-weight: 700; line-height: 1; font-variant-numeric: tabular-nums; }
  .unit { font-size: 0.4em; font-weight: 600; margin-left: 0.15em; color: var(--wb-text-dim, #8d9bab); }
  .bar { position: relative; height: 0.9em; background: var(--wb-track, #222d3a); border-radius: 0.15em; }
  .zone { position: absolute; bottom: -0.35em; height: 0.22em; opacity: 0.7; }
  .zone.missed { background: var(--wb-missed, #ff5d52); }
  .zone.atRisk { background: var(--wb-at-risk, #f5b83d); }
  .zone.met { background: var(--wb-met, #3ccf7e); }
  .fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--status-colour); border-radius: 0.15em; }
  .tick { position: absolute; top: -0.3em; bottom: -0.45em; width: 0.16em; margin-left: -0.08em; background: var(--wb-text, #e9eef4); }
  .foot { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5em; font-size: 0.95em; margin-top: 0.35em; }
  .target-text { color: var(--wb-text-dim, #8d9bab); white-space: nowrap; }
`;
