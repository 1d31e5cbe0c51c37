import { css } from 'lit';

export default css`
  :host { display: flex; flex-direction: column; min-height: 0; overflow: hidden; }
  h2 { margin: 0 0 0.35em; font-size: 1.3em; font-weight: 700; display: flex; align-items: baseline; gap: 0.6em; }
  h2 .count { font-size: 0.96em; font-weight: 800; margin-left: auto; }
  h2 .count.overdue { color: var(--wb-missed, #ff5d52); }
  .rule { color: var(--wb-text-dim, #8d9bab); font-size: 0.95em; margin-bottom: 0.4em; }
  /* A block, not a flex column: only a block's child can be laid out on its own, so a ticking countdown is laid out within its row. */
  .list { display: block; min-height: 0; }
  .row + .row { margin-top: 0.35em; }
  .row { display: grid; grid-template-columns: 2.3em minmax(0, 1fr) auto auto; align-items: center; column-gap: 0.7em;
    height: var(--row-h); padding: 0 0.6em; border-radius: 0.35em; background: var(--wb-panel-2, #18212c); border-left: 0.3em solid transparent;
    position: relative; contain: strict; }
  .ring { width: 2.1em; height: 2.1em; }
  .ring .bg { fill: none; stroke: var(--wb-track, #222d3a); stroke-width: 3.2; }
  .ring .left { fill: none; stroke: var(--wb-text-dim, #8d9bab); stroke-width: 3.2; stroke-linecap: round; transform: rotate(-90deg); transform-origin: 12px 12px; }
  .who { min-width: 0; }
  .agent { font-size: 1.45em; font-weight: 700; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .meta { font-size: 0.9em; color: var(--wb-text-dim, #8d9bab); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .meta .vip { color: var(--wb-vip, #d6b4ff); font-weight: 700; }
  .held { text-align: right; }
  .held .v, .due .v { font-size: 1.55em; font-weight: 700; }
  .cap { display: block; font-size: 0.78em; color: var(--wb-text-dim, #8d9bab); }
  .due { text-align: right; min-width: 6.2em; }
  .row.soon { border-left-color: var(--wb-at-risk, #f5b83d); }
  .row.soon .ring .left { stroke: var(--wb-at-risk, #f5b83d); }
  .row.soon .due .v { color: var(--wb-at-risk, #f5b83d); }
  .row.overdue { background: color-mix(in srgb, var(--wb-missed, #ff5d52) 30%, var(--wb-panel-2, #18212c)); border-left-color: var(--wb-missed, #ff5d52); }
  /* The pulse fades a ring in and out: opacity runs on the compositor, where a pulsing box-shadow repainted the row on every frame. */
  .row.overdue::after { content: ''; position: absolute; inset: 0; border-radius: inherit; box-shadow: inset 0 0 0 0.15em var(--wb-missed, #ff5d52); pointer-events: none;
    animation: alarm 1.2s ease-in-out infinite alternate; }
  .row.overdue .due .v { color: #fff; font-size: 1.75em; }
  .row.overdue .due .cap { color: #fff; font-weight: 700; }
  .row.overdue .icon { width: 2.1em; height: 2.1em; }
  .go { font-size: 0.95em; font-weight: 700; color: #fff; }
  @keyframes alarm { from { opacity: 1; } to { opacity: 0; } }
  @media (prefers-reduced-motion: reduce) { .row.overdue::after { animation: none; } }
  .more { color: var(--wb-text-dim, #8d9bab); font-size: 1em; padding: 0.3em 0.6em; }
  .empty { color: var(--wb-text-dim, #8d9bab); font-size: 1.2em; padding: 0.8em 0; }
`;
