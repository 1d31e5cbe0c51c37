import { css } from 'lit';

export default css`
  :host { display: contents; }
  header { display: flex; align-items: center; min-width: 0; }
  .clock { font-weight: 800; font-variant-numeric: tabular-nums; }
`;
