import { css } from 'lit';

export default css`
  :host { display: inline-flex; flex: none; }
  nav { display: flex; align-items: center; gap: 0.4em; min-width: 0; }
  .who { color: var(--wb-text-dim, #8d9bab); max-width: 10em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; unicode-bidi: isolate; }
  .link { font: inherit; font-weight: 600; color: inherit; text-decoration: none; cursor: pointer; min-height: 2.75em; padding: 0 0.9em; display: inline-flex; align-items: center;
    border-radius: 999px; background: transparent; border: 1px solid var(--wb-border, #263241); white-space: nowrap; -webkit-tap-highlight-color: transparent; }
  .link:hover { border-color: var(--wb-text-dim, #8d9bab); }
  .link:focus-visible { outline: 3px solid var(--wb-answered, #4aa8ff); }
  .error { color: var(--wb-missed, #ff5d52); font-size: 0.85em; }
`;
