import { css } from 'lit';

export default css`
  :host { display: flex; flex-direction: column; min-height: 0; min-width: 0; }
  .legend { display: flex; flex-wrap: wrap; gap: 0.3em 1.1em; font-size: 0.95em; color: var(--wb-text-dim, #8d9bab); }
  .legend span { display: inline-flex; align-items: center; gap: 0.35em; }
  .key { display: inline-block; width: 0.85em; height: 0.85em; border-radius: 0.12em; }
  .key.line { height: 0.2em; }
  .key.dot { border-radius: 50%; width: 0.6em; height: 0.6em; }
  .key.dash { width: 1.1em; height: 0.14em; border-radius: 0; background: repeating-linear-gradient(90deg, var(--wb-sl, #3ccf7e) 0 0.3em, transparent 0.3em 0.5em); }
  .plot { position: relative; flex: 1 1 auto; min-height: 0; }
  svg { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; }
  .grid { stroke: var(--wb-border-soft, #1b2430); }
  .axis { fill: var(--wb-text-dim, #8d9bab); font-size: 0.85em; }
  .answered { fill: var(--wb-answered, #4aa8ff); }
  .abandoned { fill: var(--wb-abandoned, #ff8f4d); }
  .exited { fill: var(--wb-exited, #e07ad8); }
  .offered { stroke: var(--wb-offered, #e9eef4); stroke-width: 0.12em; }
  .sl { fill: none; stroke: var(--wb-sl, #3ccf7e); stroke-width: 0.17em; }
  .sl-dot { fill: var(--wb-sl, #3ccf7e); }
  .target { stroke: var(--wb-sl, #3ccf7e); stroke-dasharray: 0.4em 0.3em; stroke-width: 0.09em; opacity: 0.8; }
  .empty { fill: var(--wb-text-dim, #8d9bab); font-size: 1.1em; text-anchor: middle; }
`;
