import { css } from 'lit';

export default css`
  :host { display: flex; flex-direction: column; gap: 0.6em; min-height: 0; }
  .bar { display: block; width: 100%; height: 1.3em; border-radius: 0.25em; background: var(--wb-track, #222d3a); }
  .legend { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.45em 0.8em; }
  .item { display: flex; align-items: baseline; gap: 0.35em; min-width: 0; }
  .swatch { width: 0.75em; height: 0.75em; border-radius: 0.15em; flex: none; align-self: center; }
  .count { font-size: 2.1em; font-weight: 800; line-height: 1; }
  .name { font-size: 1em; color: var(--wb-text-dim, #8d9bab); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .foot { font-size: 0.95em; color: var(--wb-text-dim, #8d9bab); }
`;
