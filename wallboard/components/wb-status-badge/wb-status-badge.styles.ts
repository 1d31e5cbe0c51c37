import { css } from 'lit';

export default css`
  :host { display: inline-flex; }
  .badge { display: inline-flex; align-items: center; gap: 0.35em; color: var(--status-colour); font-weight: 700; white-space: nowrap; }
  .badge svg { width: 1.15em; height: 1.15em; }
`;
