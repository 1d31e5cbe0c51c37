import { css } from 'lit';

export default css`
  /* Blocks, not a flex column: a card whose wait ticks is laid out again on its own, the others' layouts reused as they were. */
  :host { display: block; }
  wb-queue-card { display: block; }
  wb-queue-card + wb-queue-card { margin-top: 0.5em; }
  button { all: unset; box-sizing: border-box; cursor: pointer; display: grid; width: 100%; grid-template-columns: minmax(0, 1fr) auto; grid-template-rows: auto auto;
    gap: 0.15em 0.6em; padding: 0.7em 0.9em; min-height: 4.2em; border-radius: 0.6em; background: var(--wb-panel-2, #18212c);
    border: 2px solid transparent; -webkit-tap-highlight-color: transparent;
    /* Most of 50 cards are below the column's fold: the browser skips their style and layout on each update until they are scrolled near. */
    content-visibility: auto; contain-intrinsic-block-size: auto 4.65em; }
  button:focus-visible { outline: 3px solid var(--wb-answered, #4aa8ff); outline-offset: 2px; }
  button[aria-pressed='true'] { border-color: var(--wb-answered, #4aa8ff); background: color-mix(in srgb, var(--wb-answered, #4aa8ff) 14%, var(--wb-panel-2, #18212c)); }
  .name { font-weight: 700; font-size: 1.1em; white-space: nowrap; display: flex; align-items: center; gap: 0.4em; min-width: 0; }
  .name bdi { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
  .name .short { font-size: 0.8em; }
  .waiting { grid-row: 1 / 3; grid-column: 2; align-self: center; text-align: right; font-size: 2em; font-weight: 800; line-height: 1; }
  .waiting small { display: block; font-size: 0.38em; font-weight: 500; color: var(--wb-text-dim, #8d9bab); }
  .meta { display: flex; gap: 0.9em; font-size: 0.9em; color: var(--wb-text-dim, #8d9bab); white-space: nowrap; }
  .meta .long { color: var(--status-colour); font-weight: 700; display: inline-flex; align-items: center; gap: 0.2em; }
  .meta svg { width: 1em; height: 1em; }

`;
