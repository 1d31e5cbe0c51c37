// What the admin page's sections share: cards, forms laid out in a grid, rows of actions and
// the inline confirmation that replaces a destructive button until it is confirmed.
import { css } from 'lit';

export const adminStyles = css`
  :host { display: block; }
  section { display: flex; flex-direction: column; gap: 1em; }
  .card { background: var(--wb-panel, #121a23); border: 1px solid var(--wb-border, #263241); border-radius: 0.7em; padding: 1em 1.1em; }
  .card > h2, .card > h3 { margin-bottom: 0.7em; font-size: 1.1em; }
  form.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14em, 1fr)); gap: 0.9em 1em; align-items: end; }
  form.grid .wide { grid-column: 1 / -1; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
  .confirm { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: center; padding: 0.7em 0.8em; border-radius: 0.45em;
    background: color-mix(in srgb, var(--wb-missed, #ff5d52) 12%, var(--wb-panel, #121a23)); border: 1px solid color-mix(in srgb, var(--wb-missed, #ff5d52) 45%, transparent); }
  .confirm p { margin: 0; flex: 1 1 16em; }
  .toolbar { display: flex; align-items: center; gap: 0.8em; flex-wrap: wrap; }
  .toolbar h2 { font-size: 1.25em; margin-right: auto; }
  .empty { color: var(--wb-text-dim, #8d9bab); padding: 0.6em 0; }
  .tag { display: inline-block; font-size: 0.8em; padding: 0.1em 0.5em; border-radius: 999px; border: 1px solid var(--wb-border, #263241); color: var(--wb-text-dim, #8d9bab); font-weight: 600; }
  .tag.warn { color: var(--wb-at-risk, #f5b83d); border-color: color-mix(in srgb, var(--wb-at-risk, #f5b83d) 50%, transparent); }
  .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
  td.actions-cell { text-align: end; white-space: nowrap; }
  td.actions-cell .actions { justify-content: flex-end; flex-wrap: nowrap; }
`;
