// A QR code as one SVG path: the qrcode package encodes, Lit draws. Dark modules in a row are
// merged into one rectangle, so a link's code is a few hundred path commands, not thousands of
// elements; no canvas, no data URL, nothing the page's CSP has to allow.
import { create } from 'qrcode';

/** The quiet zone around the code, in modules, that scanners need. */
export const QUIET_ZONE = 4;

export interface QrGeometry {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** The dark modules, in module units with the code's top-left at 0,0. */
  path: string;
}

export function qrGeometry(text: string): QrGeometry {
  // Level M survives a smudged or partly lit screen and keeps a link's code small.
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const { size } = modules;
  const commands: string[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules.get(y, x)) x++;
      commands.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  }
  return { size, path: commands.join('') };
}
