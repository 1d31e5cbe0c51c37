import { css } from 'lit';

export default css`
  :host { display: block; }
  table { width: 100%; border-collapse: collapse; }
  th { text-align: left; font-weight: 500; font-size: 0.9em; color: var(--wb-text-dim, #8d9bab); padding: 0.3em 0.5em; border-bottom: 1px solid var(--wb-border, #263241); }
  td { padding: 0.55em 0.5em; border-bottom: 1px solid var(--wb-border-soft, #1b2430); white-space: nowrap; }
  td.name { font-weight: 600; max-width: 12em; overflow: hidden; text-overflow: ellipsis; }
  td.name small { color: var(--wb-text-dim, #8d9bab); font-weight: 400; margin-left: 0.4em; }
  .state { display: inline-flex; align-items: center; gap: 0.4em; }
  .swatch { width: 0.75em; height: 0.75em; border-radius: 0.15em; }
  .reason { color: var(--wb-text-dim, #8d9bab); font-size: 0.9em; margin-left: 0.3em; }
  .num { text-align: right; }
  .empty { color: var(--wb-text-dim, #8d9bab); padding: 0.8em 0.5em; }
`;
