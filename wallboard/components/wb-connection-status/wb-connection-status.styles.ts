import { css } from 'lit';

export default css`
  :host { display: inline-flex; align-items: center; }
  .pill { display: inline-flex; align-items: center; gap: 0.45em; padding: 0.25em 0.75em; border-radius: 999px; font-weight: 700; white-space: nowrap;
    background: color-mix(in srgb, var(--status-colour) 18%, transparent); color: var(--status-colour); border: 1px solid color-mix(in srgb, var(--status-colour) 50%, transparent); }
  .pill svg { width: 1.1em; height: 1.1em; }
  .status-info { --status-colour: var(--wb-info, #4aa8ff); }
  .pill svg .ring { fill: none; stroke: var(--status-colour); stroke-width: 2.4; stroke-linecap: round; stroke-linejoin: round; }
  .pill.stale { background: var(--status-colour); color: var(--wb-bg, #0b1016); }
  .pill.stale svg .fill { fill: var(--wb-bg, #0b1016); }
  .pill.stale svg .mark { stroke: var(--status-colour); }
  .since { font-weight: 800; }
  .live-dot { width: 0.7em; height: 0.7em; border-radius: 50%; background: var(--status-colour); box-shadow: 0 0 0 0.2em color-mix(in srgb, var(--status-colour) 30%, transparent); }
`;
