import { css } from 'lit';

export default css`
  :host { display: block; }
  /* The table scrolls in a box of its own, under a header that stays: only the rows in sight are drawn (row-window.ts). The box fits the
     column it sits in (the lead view's size container; the viewport without one) less its card's heading and the note below. */
  .scroll { overflow: auto; max-height: var(--wb-agent-table-height, clamp(16em, 100cqh - 5em, 40em)); -webkit-overflow-scrolling: touch; }
  /* Fixed columns and rows: the drawn rows change as the lead scrolls, and columns sized by them would jump; every row is one height,
     which the spacers for the rows not drawn count on. Past the box's width the figures scroll sideways. */
  table { width: 100%; border-collapse: collapse; table-layout: fixed; }
  /* Name, state (with the pause reason) and time in state first; the figures follow. */
  col.col-name { width: 8em; }
  col.col-state { width: 10em; }
  col.col-time { width: 9.5em; }
  /* A portrait tablet leaves the table about 25.5 em: those three still fit, the reason cut shorter. */
  @media (max-width: 900px) {
    col.col-name { width: 7em; }
    col.col-state { width: 8.5em; }
  }
  col.col-handled, col.col-holds { width: 4.5em; }
  col.col-aht, col.col-missed { width: 5.5em; }
  col.col-transfers { width: 6em; }
  th { position: sticky; top: 0; z-index: 1; background: var(--wb-panel-2, #18212c); box-shadow: inset 0 -1px 0 var(--wb-border, #263241);
    text-align: left; vertical-align: bottom; font-weight: 500; font-size: 0.9em; line-height: 1.2; color: var(--wb-text-dim, #8d9bab); padding: 0; }
  th button { font: inherit; color: inherit; background: none; border: 0; padding: 0.45em 0.5em; width: 100%; text-align: inherit; cursor: pointer; min-height: 2.4em; }
  th[aria-sort='ascending'], th[aria-sort='descending'] { color: var(--wb-text, #e9eef4); }
  .arrow { margin-left: 0.3em; font-size: 0.75em; }
  tr.row { height: 2.6em; }
  td { padding: 0 0.5em; border-bottom: 1px solid var(--wb-border-soft, #1b2430); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  tr.spacer td { padding: 0; border: 0; }
  td.name { font-weight: 600; }
  td.name small { color: var(--wb-text-dim, #8d9bab); font-weight: 400; margin-left: 0.4em; }
  .state { display: flex; align-items: center; gap: 0.4em; min-width: 0; }
  .swatch { flex: none; width: 0.75em; height: 0.75em; border-radius: 0.15em; }
  .state-name { flex: none; }
  .reason { color: var(--wb-text, #e9eef4); font-size: 0.9em; padding: 0.05em 0.4em; border-radius: 0.25em; background: var(--wb-track, #222d3a); min-width: 0;
    overflow: hidden; text-overflow: ellipsis; }
  .num { text-align: right; }
  th.num button { text-align: right; }
  tr.level-long td:first-child { box-shadow: inset 0.3em 0 0 var(--wb-at-risk, #f5b83d); }
  tr.level-veryLong td:first-child { box-shadow: inset 0.3em 0 0 var(--wb-missed, #ff5d52); }
  tr.level-long td.time { color: var(--wb-at-risk, #f5b83d); font-weight: 600; }
  tr.level-veryLong td.time { color: var(--wb-missed, #ff5d52); font-weight: 700; }
  .mark { font-size: 0.8em; margin-right: 0.5em; }
  td.missed { color: var(--wb-missed, #ff5d52); }
  .hidden-note { color: var(--wb-text-dim, #8d9bab); font-size: 0.85em; padding: 0.5em; }
  .empty { color: var(--wb-text-dim, #8d9bab); padding: 0.8em 0.5em; }
`;
