import { css } from 'lit';

// Sized in rem, which the TV sets to 1 % of its width: 5 rem is about 9 cm on a 75" screen.
export default css`
  :host { display: block; width: 100vw; height: 100vh; overflow: hidden; background: var(--wb-bg, #0b1016); color: var(--wb-text, #e9eef4); }
  .screen { height: 100%; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 2.2rem; padding: 3rem 5rem; text-align: center; }
  .icon { width: 9rem; height: 9rem; fill: none; stroke: var(--wb-missed, #ff5d52); stroke-width: 2.2; stroke-linecap: round; }
  .lang { display: flex; flex-direction: column; gap: 0.9rem; max-width: 80rem; }
  h1 { margin: 0; font-weight: 800; line-height: 1.15; }
  .first h1 { font-size: 5rem; }
  .second h1 { font-size: 3.2rem; color: var(--wb-text-dim, #8d9bab); }
  .what { margin: 0; line-height: 1.3; }
  .first .what { font-size: 2.4rem; }
  .second .what { font-size: 1.9rem; color: var(--wb-text-dim, #8d9bab); }
  .display { margin: 0; font-size: 1.8rem; color: var(--wb-text-dim, #8d9bab); }
`;
