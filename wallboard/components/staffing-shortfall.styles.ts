import { css } from 'lit';

/** The "+N needed" badge: dark text on the at-risk colour, with its mark. */
export default css`
  .short { display: inline-flex; align-items: center; gap: 0.25em; flex: none; padding: 0.05em 0.45em 0.05em 0.3em; border-radius: 0.4em;
    background: var(--wb-at-risk, #f5b83d); color: var(--wb-bg, #0b1016); font-weight: 800; white-space: nowrap; line-height: 1.25; }
  .short svg { width: 1.05em; height: 1.05em; flex: none; }
  .short svg .fill { fill: currentColor; }
  .short svg .plus { fill: none; stroke: currentColor; stroke-width: 2.6; stroke-linecap: round; }
`;
