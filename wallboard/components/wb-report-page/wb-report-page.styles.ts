import { css } from 'lit';

export default css`
  :host { display: block; min-height: 100vh; background: var(--wb-bg, #0b1016); font-size: 1rem; line-height: 1.35; }
  .page { max-width: 120em; margin: 0 auto; padding: 0.8em 1.4em 3em; display: flex; flex-direction: column; gap: 1em; }
  header { display: flex; align-items: center; gap: 0.8em 1.2em; flex-wrap: wrap; }
  header h1 { font-size: 1.7em; margin: 0 auto 0 0; line-height: 1.2; }
  header h1 .sub { display: block; font-size: 0.6em; font-weight: 500; color: var(--wb-text-dim, #8d9bab); }
  .controls { display: flex; align-items: center; gap: 0.6em; flex-wrap: wrap; }
  .views { display: inline-flex; border: 1px solid var(--wb-border, #263241); border-radius: 999px; overflow: hidden; }
  .views button { border: 0; border-radius: 0; background: transparent; min-width: 4em; }
  .views button[aria-pressed='true'] { background: var(--wb-panel-2, #18212c); box-shadow: inset 0 -3px var(--wb-answered, #4aa8ff); }
  label.pick { flex-direction: row; align-items: center; gap: 0.5em; font-weight: 500; }
  input[type='date'] { font: inherit; color: inherit; min-height: 2.75em; padding: 0.3em 0.6em; border-radius: 0.45em; border: 1px solid var(--wb-border, #263241); background: var(--wb-bg, #0b1016); color-scheme: dark; }
  a.link { color: var(--wb-text-dim, #8d9bab); }
  .state { padding: 2em; text-align: center; color: var(--wb-text-dim, #8d9bab); font-size: 1.2em; }
  @media print {
    :host { background: #fff; min-height: 0; }
    .page { padding: 0; max-width: none; gap: 4mm; }
    .controls, wb-lang-toggle, a.link { display: none !important; }
    header h1 { font-size: 16pt; }
    header h1 .sub { color: #000; }
  }
`;
