// The document around the report page: its type scale for a projector (the theme's rem is the
// screens'), and for print a white A4 page with the theme's colours swapped for black-on-white
// ones (the components read them through custom properties, across their shadow roots).
const CSS = `
html[data-view='report'] { font-size: clamp(15px, 1.05vw, 30px); }
@page { size: A4 portrait; margin: 12mm 11mm; }
@media print {
  html[data-view='report'] {
    font-size: 10pt; color-scheme: light;
    --wb-bg: #fff; --wb-panel: #fff; --wb-panel-2: #f2f2f2; --wb-border: #888; --wb-border-soft: #ccc; --wb-track: #ddd;
    --wb-text: #000; --wb-text-dim: #333; --wb-met: #16703a; --wb-at-risk: #8a5a00; --wb-missed: #b3261e; --wb-no-data: #666;
    --wb-info: #1d4f9a; --wb-answered: #1d5fbf; --wb-abandoned: #d0570f; --wb-offered: #444; --wb-sl: #16703a;
  }
  html[data-view='report'], html[data-view='report'] body { background: #fff; color: #000; height: auto; }
}
`;

/** Adds the report's document styles once. */
export function applyReportDocumentStyles(doc: Document): void {
  if (doc.getElementById('wb-report-document')) return;
  const style = doc.createElement('style');
  style.id = 'wb-report-document';
  style.textContent = CSS;
  doc.head.append(style);
}
