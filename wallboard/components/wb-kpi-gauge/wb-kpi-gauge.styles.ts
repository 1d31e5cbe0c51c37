import { css } from 'lit';

export default css`
  :host { display: flex; flex-direction: column; align-items: stretch; min-width: 0; }
  .label { font-size: 1.05em; font-weight: 600; text-align: center; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  svg.gauge { display: block; width: 100%; height: auto; flex: 1 1 auto; min-height: 0; }
  .track { fill: var(--wb-track, #222d3a); }
  .zone.missed { fill: var(--wb-missed, #ff5d52); opacity: 0.55; }
  .zone.atRisk { fill: var(--wb-at-risk, #f5b83d); opacity: 0.55; }
  .zone.met { fill: var(--wb-met, #3ccf7e); opacity: 0.55; }
  .value { fill: var(--status-colour); }
  .target { stroke: var(--wb-text, #e9eef4); stroke-width: 3; stroke-linecap: round; }
  .numeral { fill: var(--status-colour); font-weight: 700; font-variant-numeric: tabular-nums; text-anchor: middle; }
  .scale { fill: var(--wb-text-dim, #8d9bab); text-anchor: middle; }
  .foot { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5em; font-size: 0.95em; margin-top: -0.2em; }
  .target-text { color: var(--wb-text-dim, #8d9bab); white-space: nowrap; }
`;
