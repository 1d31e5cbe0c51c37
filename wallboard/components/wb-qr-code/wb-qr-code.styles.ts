import { css } from 'lit';

export default css`
  :host { display: inline-block; width: 9em; height: 9em; }
  svg { display: block; width: 100%; height: 100%; border-radius: 0.3em; }
`;
