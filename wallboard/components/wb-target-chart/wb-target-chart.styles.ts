import { css } from 'lit';

export default css`
  :host { display: block; position: relative; min-width: 0; min-height: 0; }
  svg { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; }
  /* Faint: the line is what is read; the bands only say which side of the target it is on. */
  .zone.met { fill: var(--wb-met, #3ccf7e); opacity: 0.14; }
  .zone.atRisk { fill: var(--wb-at-risk, #f5b83d); opacity: 0.2; }
  .zone.missed { fill: var(--wb-missed, #ff5d52); opacity: 0.06; }
  .target { stroke: var(--wb-text, #e9eef4); stroke-dasharray: 0.35em 0.25em; stroke-width: 1.2; opacity: 0.75; }
  .axis { fill: var(--wb-text-dim, #8d9bab); font-size: 0.75em; }
  .axis.target-label { fill: var(--wb-text, #e9eef4); font-weight: 700; }
  .seg { fill: none; stroke: var(--status-colour); stroke-width: 2.4; stroke-linejoin: round; stroke-linecap: round; }
  .marker .fill { fill: var(--status-colour); }
  .marker .mark { fill: none; stroke: var(--wb-bg, #0b1016); stroke-width: 2.6; stroke-linecap: round; stroke-linejoin: round; }
  .empty { fill: var(--wb-text-dim, #8d9bab); font-size: 0.8em; text-anchor: middle; }
`;
