// The login and admin pages' controls: sized for a finger on a tablet (44 px targets), readable
// on a laptop, in the wallboard's dark theme.
import { css } from 'lit';

export const formStyles = css`
  :host { font-size: 16px; line-height: 1.4; }
  h1, h2, h3 { margin: 0; line-height: 1.2; }
  label { display: flex; flex-direction: column; gap: 0.3em; font-weight: 600; font-size: 0.95em; }
  label.check { flex-direction: row; align-items: center; gap: 0.6em; min-height: 2.75em; }
  .hint { font-weight: 400; color: var(--wb-text-dim, #8d9bab); font-size: 0.9em; }
  /* Set on the controls themselves: a <details> does not pass box-sizing on to what it holds. */
  input, select, button, a.button { box-sizing: border-box; }
  input[type='text'], input[type='password'], input[type='number'], input[type='time'], input:not([type]), select {
    font: inherit; color: inherit; min-height: 2.75em; padding: 0.45em 0.7em; border-radius: 0.45em;
    border: 1px solid var(--wb-border, #263241); background: var(--wb-bg, #0b1016); width: 100%;
  }
  input[type='checkbox'] { width: 1.4em; height: 1.4em; accent-color: var(--wb-answered, #4aa8ff); }
  input:focus-visible, select:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid var(--wb-answered, #4aa8ff); outline-offset: 1px; }
  button, a.button {
    font: inherit; font-weight: 650; cursor: pointer; min-height: 2.75em; padding: 0.4em 1em; border-radius: 0.45em; white-space: nowrap;
    border: 1px solid var(--wb-border, #263241); background: var(--wb-panel-2, #18212c); color: inherit; text-decoration: none;
    display: inline-flex; align-items: center; justify-content: center; gap: 0.4em; -webkit-tap-highlight-color: transparent;
  }
  button:hover, a.button:hover { border-color: var(--wb-text-dim, #8d9bab); }
  button:disabled { opacity: 0.55; cursor: default; }
  button.primary { background: var(--wb-answered, #4aa8ff); border-color: var(--wb-answered, #4aa8ff); color: #06121f; }
  button.danger { border-color: color-mix(in srgb, var(--wb-missed, #ff5d52) 70%, transparent); color: var(--wb-missed, #ff5d52); }
  button.danger.primary { background: var(--wb-missed, #ff5d52); color: #1a0605; }
  .error { color: var(--wb-missed, #ff5d52); font-weight: 600; }
  .notice { border: 1px solid var(--wb-border, #263241); border-left: 4px solid var(--wb-answered, #4aa8ff); border-radius: 0.45em; padding: 0.7em 0.9em; background: var(--wb-panel, #121a23); }
  .notice.error { border-left-color: var(--wb-missed, #ff5d52); }
  .secret { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 1.15em; user-select: all; word-break: break-all; }
  bdi, .name { unicode-bidi: isolate; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: 0.55em 0.6em; border-bottom: 1px solid var(--wb-border-soft, #1b2430); vertical-align: middle; }
  th { color: var(--wb-text-dim, #8d9bab); font-weight: 600; font-size: 0.9em; }
`;
