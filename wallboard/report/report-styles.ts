// Styles the report's sections share: a section card, its tables and the status marks (a shape
// and a word, never colour alone). Screen: the board's dark theme, large type for a projector.
// Print: black on white (the page swaps the theme's custom properties), no controls, and each
// section kept whole on its A4 page where it fits.
import { css } from 'lit';

export const reportSectionStyles = css`
  :host { display: block; }
  section { background: var(--wb-panel, #121a23); border: 1px solid var(--wb-border, #263241); border-radius: 0.5em; padding: 0.8em 1em; }
  h2 { font-size: 1.15em; margin: 0 0 0.6em; font-weight: 600; }
  h3 { font-size: 1em; margin: 0 0 0.4em; font-weight: 600; }
  .hint { color: var(--wb-text-dim, #8d9bab); font-size: 0.85em; margin: 0 0 0.5em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 0.35em 0.6em; text-align: right; border-bottom: 1px solid var(--wb-border-soft, #1b2430); white-space: nowrap; }
  th { font-weight: 600; color: var(--wb-text-dim, #8d9bab); font-size: 0.85em; white-space: normal; vertical-align: bottom; }
  th:first-child, td:first-child, th.text, td.text { text-align: left; white-space: normal; }
  td.num, .num { font-variant-numeric: tabular-nums; }
  .kpi-mark { display: inline-flex; align-items: center; gap: 0.3em; }
  .kpi-mark .word { font-size: 0.8em; color: var(--status-colour); }
  .value { font-weight: 600; }
  .no-data { padding: 2.5em 1.5em; text-align: center; }
  .no-data h2 { font-size: 1.8em; margin-bottom: 0.5em; }
  .empty { color: var(--wb-text-dim, #8d9bab); margin: 0.3em 0; }
  @media print {
    section { border-color: #999; border-radius: 0; break-inside: avoid; padding: 3mm 4mm; }
    th, td { border-bottom-color: #bbb; padding: 0.25em 0.4em; }
    h2 { font-size: 1.1em; margin-bottom: 0.4em; }
  }
`;
