import { css } from 'lit';

export default css`
  :host { display: flex; flex-direction: column; gap: 0.8em; }
  .summary { display: flex; align-items: baseline; flex-wrap: wrap; gap: 0.4em 1.4em; }
  .summary h2 { margin: 0; font-size: 1.5em; }
  .figure { display: flex; flex-direction: column; }
  .figure b { font-size: 1.6em; line-height: 1.1; }
  .figure span { font-size: 0.85em; color: var(--wb-text-dim, #8d9bab); }
  .charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.8em; }
  .card { background: var(--wb-panel-2, #18212c); border-radius: 0.6em; padding: 0.6em 0.8em; min-width: 0; }
  .card h3 { margin: 0 0 0.4em; font-size: 1em; font-weight: 700; }
  .chart { height: 13em; }
  /* The agent table takes the whole width (its figures need it); held calls and abandons side by side below. */
  .lists { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.8em; align-items: start; }
  /* Below the fold on a tablet: the browser skips their layout and paint until scrolled to. */
  .lists > .card, .side > .card { content-visibility: auto; contain-intrinsic-size: auto 24em; }
  .side { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.8em; align-items: start; }
  ul { list-style: none; margin: 0; padding: 0; }
  li { display: flex; justify-content: space-between; gap: 0.6em; padding: 0.45em 0; border-bottom: 1px solid var(--wb-border-soft, #1b2430); }
  li .vip { color: var(--wb-vip, #d6b4ff); font-weight: 700; }
  .dim { color: var(--wb-text-dim, #8d9bab); }
  @media (max-width: 800px) { .side { grid-template-columns: minmax(0, 1fr); } }
`;
