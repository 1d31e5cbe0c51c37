import { css } from 'lit';

export default css`
  :host { display: flex; flex-direction: column; min-height: 0; min-width: 0; }
  .legend { display: flex; flex-wrap: wrap; gap: 0.3em 1.1em; font-size: 0.9em; color: var(--wb-text-dim, #8d9bab); }
  .legend span { display: inline-flex; align-items: center; gap: 0.35em; }
  .key { display: inline-block; width: 1.1em; height: 0.22em; }
  .key.dash { background: repeating-linear-gradient(90deg, currentColor 0 0.3em, transparent 0.3em 0.5em); height: 0.15em; }
  .plot { position: relative; flex: 1 1 auto; min-height: 0; }
  svg { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; }
  .grid { stroke: var(--wb-border-soft, #1b2430); }
  .axis { fill: var(--wb-text-dim, #8d9bab); font-size: 0.8em; }
  .line { fill: none; stroke-width: 2.5; }
  .connectRate { stroke: var(--wb-answered, #4aa8ff); fill: var(--wb-answered, #4aa8ff); }
  .serviceLevel { stroke: var(--wb-sl, #3ccf7e); fill: var(--wb-sl, #3ccf7e); }
  .dot { stroke: none; }
  .legend-connectRate { color: var(--wb-answered, #4aa8ff); }
  .legend-serviceLevel { color: var(--wb-sl, #3ccf7e); }
  .target { stroke-dasharray: 6 5; stroke-width: 1.5; fill: none; }
  .empty { fill: var(--wb-text-dim, #8d9bab); text-anchor: middle; }
`;
