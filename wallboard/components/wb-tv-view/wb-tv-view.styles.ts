import { css } from 'lit';

export default css`
  :host { display: block; width: 100vw; height: 100vh; overflow: hidden; background: var(--wb-bg, #0b1016); color: var(--wb-text, #e9eef4); font-size: 1rem; }
  .screen { display: grid; grid-template-rows: auto minmax(0, 1fr) auto; grid-template-columns: minmax(0, 1fr); height: 100%; padding: 0.7rem 0.9rem 0.5rem; gap: 0.7rem; }
  wb-screen-header::part(header) { gap: 1.2rem; }
  wb-screen-header h1 { margin: 0; font-size: 1.75rem; font-weight: 800; letter-spacing: 0.02em; white-space: nowrap; }
  wb-screen-header .scope { font-size: 1.2rem; color: var(--wb-text-dim, #8d9bab); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
  wb-screen-header .spacer { flex: 1; }
  wb-screen-header::part(connection) { font-size: 1.15rem; }
  wb-screen-header::part(clock) { font-size: 2rem; }
  /* The panels above the critical alarm's banner, which takes its own line when it shows rather than covering their feet. */
  .body { display: flex; flex-direction: column; gap: 0.7rem; min-height: 0; min-width: 0; }
  /* One row of the height left, never of the content's: a row sized by its content makes every change of a number lay out all three columns again, twice. */
  .main { flex: 1 1 0; display: grid; grid-template-rows: minmax(0, 1fr); gap: 0.7rem; min-height: 0; transition: filter 0.3s, opacity 0.3s; }
  .main.standard { grid-template-columns: minmax(0, 30fr) minmax(0, 40fr) minmax(0, 30fr); }
  .main.queues { grid-template-columns: minmax(0, 64fr) minmax(0, 36fr); }
  .main.stale { filter: saturate(0.25); opacity: 0.6; }
  .col { display: flex; flex-direction: column; gap: 0.7rem; min-height: 0; min-width: 0; }
  .panel { background: var(--wb-panel, #121a23); border: 1px solid var(--wb-border, #263241); border-radius: 0.5rem; padding: 0.6rem 0.9rem 0.7rem; min-height: 0; display: flex; flex-direction: column; }
  .panel h2 { margin: 0 0 0.45rem; font-size: 1.3rem; font-weight: 700; display: flex; align-items: baseline; gap: 0.6rem; }
  .panel h2 small { font-size: 0.8em; font-weight: 500; color: var(--wb-text-dim, #8d9bab); }
  /* A change of a number inside a panel is laid out and painted within it. Growing panels take their size from the column, never from their content. */
  .panel { contain: layout paint style; }
  .panel.grow { contain: strict; }
  .grow { flex: 1 1 0; }
  .panel > .grow { min-height: 0; }
  wb-wait-summary { font-size: 1rem; flex: 1 1 auto; }
  .kpis { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.7rem 1.1rem; }
  wb-kpi-gauge { font-size: 1.05rem; }
  wb-kpi-tile { font-size: 1.05rem; }
  wb-queue-table { font-size: 1.02rem; }
  .main.queues wb-queue-table { font-size: 1.45rem; }
  wb-hold-board { font-size: 1rem; }
  wb-agent-states { font-size: 1rem; }
  wb-intraday-chart { font-size: 1rem; }
  footer { display: flex; justify-content: space-between; font-size: 0.85rem; color: var(--wb-text-dim, #8d9bab); min-height: 1rem; }
  footer .warn { color: var(--wb-at-risk, #f5b83d); }
  .waiting-screen { display: grid; place-items: center; font-size: 2.4rem; color: var(--wb-text-dim, #8d9bab); }
`;
