import { css } from 'lit';

export default css`
  :host { display: block; height: 100vh; overflow: hidden; background: var(--wb-bg, #0b1016); color: var(--wb-text, #e9eef4); font-size: 1rem; }
  /* A column, not a grid of fixed rows: the header, a notice, the alarms and the hold alerts each take their own height (whichever are there), and the
     queues and detail take what is left; a row template counted before the alarm list came squeezed the hold alerts to nothing under it. */
  .screen { display: flex; flex-direction: column; height: 100%; }
  .screen > * { flex: none; }
  .screen > .main, .screen > .waiting-screen { flex: 1 1 0; min-height: 0; }
  wb-screen-header::part(header) { gap: 0.8em; padding: 0.6em 0.9em; border-bottom: 1px solid var(--wb-border, #263241); }
  h1 { margin: 0; font-size: 1.35em; white-space: nowrap; }
  .teams { display: flex; gap: 0.4em; overflow-x: auto; flex: 1 1 auto; min-width: 0; scrollbar-width: none; }
  .teams button { all: unset; box-sizing: border-box; cursor: pointer; min-height: 2.75em; padding: 0 1em; display: inline-flex; align-items: center;
    border-radius: 999px; background: var(--wb-panel-2, #18212c); border: 2px solid var(--wb-border, #263241); white-space: nowrap; font-weight: 600;
    -webkit-tap-highlight-color: transparent; }
  .teams button[aria-pressed='true'] { border-color: var(--wb-answered, #4aa8ff); background: color-mix(in srgb, var(--wb-answered, #4aa8ff) 20%, var(--wb-panel-2, #18212c)); }
  .teams button:focus-visible, .team-select:focus-visible { outline: 3px solid var(--wb-answered, #4aa8ff); }
  .team-select { font: inherit; font-weight: 600; color: inherit; min-height: 2.75em; max-width: 100%; padding: 0 2.2em 0 1em; border-radius: 999px; cursor: pointer;
    background: var(--wb-panel-2, #18212c); border: 2px solid var(--wb-answered, #4aa8ff); -webkit-tap-highlight-color: transparent; }
  wb-screen-header::part(clock) { font-size: 1.35em; }
  .alerts { padding: 0.6em 0.9em 0.2em; }
  .alerts wb-hold-board { font-size: 0.85rem; }
  .alerts h2, .col h2 { margin: 0 0 0.4em; font-size: 1.05em; display: flex; gap: 0.6em; align-items: baseline; }
  .alerts .ok { color: var(--wb-text-dim, #8d9bab); font-weight: 500; }
  .main { display: grid; grid-template-columns: minmax(16em, 19em) minmax(0, 1fr); min-height: 0; transition: filter 0.3s, opacity 0.3s; }
  .main.stale { filter: saturate(0.25); opacity: 0.6; }
  /* A size container: the agent table's own scroll box is sized to the column it scrolls in (cqh), whatever the alarms above take. */
  .col { container-type: size; overflow-y: auto; -webkit-overflow-scrolling: touch; overscroll-behavior: contain; padding: 0.6em 0.9em 1.2em; min-height: 0; }
  .col + .col { border-left: 1px solid var(--wb-border, #263241); }
  .all { all: unset; box-sizing: border-box; cursor: pointer; display: block; width: 100%; padding: 0.7em 0.9em; margin-bottom: 0.5em; border-radius: 0.6em;
    background: var(--wb-panel-2, #18212c); border: 2px solid transparent; font-weight: 700; min-height: 2.75em; }
  .all[aria-pressed='true'] { border-color: var(--wb-answered, #4aa8ff); }
  .waiting-screen { display: grid; place-items: center; font-size: 1.6em; color: var(--wb-text-dim, #8d9bab); }
  .report-link { color: var(--wb-text-dim, #8d9bab); white-space: nowrap; font-size: 0.9em; }
  .warn { color: var(--wb-at-risk, #f5b83d); padding: 0.3em 0.9em; font-size: 0.9em; }
`;
