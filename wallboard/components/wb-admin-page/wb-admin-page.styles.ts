import { css } from 'lit';

export default css`
  :host { display: block; min-height: 100vh; background: var(--wb-bg, #0b1016); }
  .page { max-width: 78em; margin: 0 auto; padding: 0.8em 1.2em 3em; display: flex; flex-direction: column; gap: 1em; }
  header { display: flex; align-items: center; gap: 0.8em; flex-wrap: wrap; }
  header h1 { font-size: 1.5em; margin-right: auto; }
  .report-link { color: var(--wb-text-dim, #8d9bab); }
  .tabs { display: flex; gap: 0.3em; border-bottom: 1px solid var(--wb-border, #263241); overflow-x: auto; scrollbar-width: none; }
  .tabs button { border: 0; border-radius: 0.45em 0.45em 0 0; background: transparent; padding: 0 1.2em; min-height: 3em; color: var(--wb-text-dim, #8d9bab); }
  .tabs button[aria-selected='true'] { color: var(--wb-text, #e9eef4); background: var(--wb-panel, #121a23); box-shadow: inset 0 -3px var(--wb-answered, #4aa8ff); }
`;
