import { css } from 'lit';

export default css`
  :host { display: grid; grid-template-columns: 1fr 1fr; grid-template-rows: 1fr auto; gap: 0.4em 1em; min-height: 0; }
  .cell { display: block; align-content: center; min-width: 0; container-type: inline-size; contain: layout paint style; }
  .label { font-size: 1.3em; font-weight: 600; color: var(--wb-text-dim, #8d9bab); }
  /* As big as the cell's width allows, up to 6.2 em: --numeral-em is the numeral's width in em. */
  .big { font-size: min(6.2em, 100cqi / var(--numeral-em, 4)); font-weight: 800; line-height: 0.95; letter-spacing: -0.02em; color: var(--status-colour); white-space: nowrap;
    /* Its height is its one line's: a wait ticking every second is laid out on its own, in a block of the cell (not a flex item, which cannot be). */
    display: block; height: 0.95em; contain: size layout style; }
  .sub { font-size: 1.15em; min-height: 1.4em; display: flex; align-items: center; gap: 0.3em; }
  .sub .alert { color: var(--status-colour); }
  .sub svg { width: 1.1em; height: 1.1em; }
  .sub .vip { color: var(--wb-vip, #d6b4ff); font-weight: 700; }
  .today { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.3em 1.4em; font-size: 1.15em; border-top: 1px solid var(--wb-border, #263241); padding-top: 0.45em; }
  .today b { font-size: 1.25em; margin-left: 0.3em; }
  .today .abandoned b { color: var(--wb-abandoned, #ff8f4d); }
  .today .exited b { color: var(--wb-exited, #e07ad8); }
`;
