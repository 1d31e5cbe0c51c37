import { css } from 'lit';

export default css`
  :host { display: flex; flex-direction: column; min-height: 0; overflow: hidden; }
  /* Room inside each line for an alarm's stripe on the left and its tint's edge on the right, the header aligned with the rows. */
  .head, .row { display: grid; grid-template-columns: minmax(0, 2.7fr) 0.9fr 1.45fr 1fr 1fr 0.75fr; align-items: center; column-gap: 0.6em; padding-inline: 0.55em 0.35em; }
  .head { height: var(--head-h); font-size: 0.95em; color: var(--wb-text-dim, #8d9bab); border-bottom: 1px solid var(--wb-border, #263241); }
  .head span, .row span { text-align: right; white-space: nowrap; }
  .head span:first-child, .row span:first-child { text-align: left; overflow: hidden; text-overflow: ellipsis; }
  /* Rows are of fixed height, in a block (a flex item cannot be laid out on its own): a changed figure or a ticking wait is laid out within its row. */
  .rows { display: block; flex: none; }
  .row { height: var(--row-h); font-size: 1.25em; border-bottom: 1px solid var(--wb-border-soft, #1b2430); contain: size layout style; }
  .row .name { font-weight: 600; }
  .row .name bdi { max-width: 100%; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .row .marks { display: flex; align-items: center; gap: 0.4em; flex: none; line-height: 1.2; }
  .row .marks .short { font-size: 0.8em; line-height: 1.1; }
  /* Short of agents or in alarm: the name (an ellipsis where it is long, whole in its title) and the figures keep the first line; the badge and the alarm's mark,
     which must never be cut (colour alone does not tell), take a second one across the row, where both show whole. */
  .row.two-line { grid-template-rows: minmax(0, 1fr) auto; line-height: 1.2; }
  .row.two-line > .name { display: contents; }
  .row.two-line > .name > bdi { grid-row: 1; grid-column: 1; }
  .row.two-line > .name > .marks { grid-row: 2; grid-column: 1 / -1; justify-self: start; padding-bottom: 0.12em; }
  .row.two-line > :not(.name) { grid-row: 1; }
  .row.two-line .waiting { line-height: 1; }
  .row .waiting { font-size: 1.35em; font-weight: 800; }
  .row .waiting.zero { color: var(--wb-text-dim, #8d9bab); font-weight: 600; }
  .row .longest { display: inline-flex; justify-content: flex-end; align-items: center; gap: 0.25em; color: var(--status-colour); font-weight: 700; }
  .row .longest svg { width: 0.9em; height: 0.9em; }
  .row.alert { background: linear-gradient(90deg, color-mix(in srgb, var(--status-colour) 16%, transparent), transparent 70%); }
  .pager { margin-top: auto; padding-top: 0.3em; display: flex; justify-content: flex-end; gap: 0.35em; align-items: center; color: var(--wb-text-dim, #8d9bab); font-size: 0.95em; }
  .dot { width: 0.55em; height: 0.55em; border-radius: 50%; background: var(--wb-track, #222d3a); }
  .dot.on { background: var(--wb-text, #e9eef4); }
  .empty { color: var(--wb-text-dim, #8d9bab); padding: 1em 0; font-size: 1.2em; }
  .row.in-alarm { box-shadow: inset 0.3em 0 0 var(--alarm-colour); background: color-mix(in srgb, var(--alarm-colour) 16%, transparent); }
  .row.alarm-warning { --alarm-colour: var(--wb-at-risk, #f5b83d); }
  .row.alarm-critical { --alarm-colour: var(--wb-missed, #ff5d52); }
  .alarm-mark { display: inline-flex; align-items: center; gap: 0.2em; padding: 0 0.35em; border-radius: 0.3em; font-size: 0.7em; font-weight: 800;
    background: var(--alarm-colour); color: var(--wb-bg, #0b1016); white-space: nowrap; vertical-align: middle; }
  .alarm-mark svg { width: 1em; height: 1em; }
  .alarm-mark svg .fill { fill: var(--wb-bg, #0b1016); }
`;
