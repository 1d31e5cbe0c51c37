// Styles every component shares: the status colours behind the shapes and tabular figures.
// Colours come from CSS custom properties set in index.html, so a deployment can retheme.
import { css } from 'lit';

export const statusStyles = css`
  .status-met { --status-colour: var(--wb-met, #3ccf7e); }
  .status-atRisk { --status-colour: var(--wb-at-risk, #f5b83d); }
  .status-missed { --status-colour: var(--wb-missed, #ff5d52); }
  .status-noData { --status-colour: var(--wb-no-data, #7d8a99); }
  .status-none { --status-colour: var(--wb-text, #e9eef4); }
  svg.status-icon { width: 1em; height: 1em; flex: none; overflow: visible; }
  svg.status-icon .fill { fill: var(--status-colour); }
  svg.status-icon .hollow { fill: none; stroke: var(--status-colour); stroke-width: 2; stroke-dasharray: 3 2.4; }
  svg.status-icon .mark { fill: none; stroke: var(--wb-bg, #0b1016); stroke-width: 2.6; stroke-linecap: round; stroke-linejoin: round; }
  svg.status-icon .mark.dim { stroke: var(--status-colour); }
`;

export const baseStyles = css`
  :host { box-sizing: border-box; color: var(--wb-text, #e9eef4); font-variant-numeric: tabular-nums; }
  *, *::before, *::after { box-sizing: inherit; }
  .num { font-variant-numeric: tabular-nums; font-feature-settings: 'tnum' 1; }
  .dim { color: var(--wb-text-dim, #8d9bab); }
`;
