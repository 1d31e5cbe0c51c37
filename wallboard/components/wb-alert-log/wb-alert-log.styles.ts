import { css } from 'lit';

export default css`
  .hooks {
    list-style: none;
    padding: 0;
    margin: 0 0 1rem;
    display: grid;
    gap: 0.4rem;
  }
  .hooks li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .hooks .id {
    font-weight: 600;
  }
  /* Outcome by word and weight, not colour alone. */
  .outcome.delivered {
    color: var(--wb-met, #3ccf7e);
  }
  .outcome.failed {
    color: var(--wb-at-risk, #f5b83d);
  }
  .outcome.gave-up {
    color: var(--wb-missed, #ff5d52);
    font-weight: 700;
  }
`;
