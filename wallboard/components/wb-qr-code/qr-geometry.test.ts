// The QR code's path covers exactly the dark modules the qrcode package encodes, one rectangle
// per run, with the finder patterns in their corners.
import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrGeometry } from './qr-geometry.js';

describe('qrGeometry', () => {
  it('draws every dark module once, in runs', () => {
    const link = 'https://wallboard.example/pair/3q9XkP0aZr7LmN2vB8cD1eFgHiJ';
    const { size, path } = qrGeometry(link);
    const { modules } = create(link, { errorCorrectionLevel: 'M' });
    expect(size).toBe(modules.size);
    let dark = 0;
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (modules.get(y, x)) dark++;
    const runs = [...path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)];
    expect(runs.map((r) => r[0]).join('')).toBe(path);
    expect(runs.reduce((sum, r) => sum + Number(r[3]), 0)).toBe(dark);
    for (const [, x, y, w, back] of runs) {
      expect(back).toBe(w);
      for (let i = 0; i < Number(w); i++) expect(modules.get(Number(y), Number(x) + i)).toBeTruthy();
    }
    // Finder patterns: the top rows start with a run of seven, left and right.
    expect(path.startsWith('M0 0h7v1h-7z')).toBe(true);
    expect(path).toContain(`M${size - 7} 0h7v1h-7z`);
  });
});
