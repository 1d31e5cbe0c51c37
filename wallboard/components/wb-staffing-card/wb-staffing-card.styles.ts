import { css } from 'lit';

export default css`
  :host { display: block; }
  h3 { margin: 0 0 0.4em; font-size: 1em; font-weight: 700; }
  .figures { display: flex; align-items: center; flex-wrap: wrap; gap: 0.4em 1.4em; }
  .figure { display: flex; flex-direction: column; }
  .figure b { font-size: 1.6em; line-height: 1.1; }
  .figure span { font-size: 0.85em; color: var(--wb-text-dim, #8d9bab); }
  .figure .split { font-size: 0.75em; white-space: nowrap; }
  .verdict { display: inline-flex; align-items: center; gap: 0.3em; font-weight: 700; color: var(--status-colour); }
  dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(9em, 1fr)); gap: 0.3em 1em; margin: 0.6em 0 0; }
  dt { font-size: 0.8em; color: var(--wb-text-dim, #8d9bab); }
  dd { margin: 0; font-weight: 600; }
  .basis, .dim { font-size: 0.8em; color: var(--wb-text-dim, #8d9bab); margin: 0.5em 0 0; }
`;
