// A source is one PBX (or CTI) feeding the board. Its name prefixes the call ids its adapters
// write, so two PBXs whose call ids overlap (Asterisk's "1700000000.42" restarts on each box)
// can feed one board without colliding, and names the source on the board when it goes quiet.

import { z } from 'zod';

const SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const SOURCE_NAME_RULE = 'use 1–32 letters, digits, ".", "_" or "-", starting with a letter or digit';

/** A source name as a config file gives it. */
export const sourceNameSchema = z.string().regex(SOURCE_NAME, SOURCE_NAME_RULE);

/** Checks a --source value: 1–32 letters, digits, '.', '_' or '-', starting with a letter or digit. */
export function parseSourceName(raw: string): string {
  if (!SOURCE_NAME.test(raw)) throw new RangeError(`source name "${raw}": ${SOURCE_NAME_RULE}`);
  return raw;
}

/** The default source name: the host's first label, made into a valid name ("pbx-01.example.com" → "pbx-01"). */
export function defaultSourceName(hostname: string): string {
  const label = hostname.split('.')[0] ?? '';
  const cleaned = label
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 32);
  return cleaned.length > 0 ? cleaned : 'pbx';
}

/** The call id an adapter writes for the PBX's own id: "pbx1:1700000000.42". */
export function sourceCallId(source: string, rawId: string): string {
  return `${source}:${rawId}`;
}
