import { css } from 'lit';

export default css`
  :host { display: block; min-height: 100vh; background: var(--wb-bg, #0b1016); }
  main { max-width: 27em; margin: 0 auto; padding: 1.2em 1.2em 3em; display: flex; flex-direction: column; gap: 1.5em; }
  .top { display: flex; align-items: center; justify-content: space-between; gap: 1em; flex-wrap: wrap; }
  .brand { font-weight: 700; color: var(--wb-text-dim, #8d9bab); }
  .card { background: var(--wb-panel, #121a23); border: 1px solid var(--wb-border, #263241); border-radius: 0.8em; padding: 1.6em 1.5em; display: flex; flex-direction: column; gap: 1em; }
  h1 { font-size: 1.6em; }
  p { margin: 0; }
  form { display: flex; flex-direction: column; gap: 1.1em; }
  input { font-size: 1.1em; }
  button[type='submit'] { min-height: 3em; font-size: 1.05em; }
  @media (min-height: 700px) { main { padding-top: 12vh; } }
`;
