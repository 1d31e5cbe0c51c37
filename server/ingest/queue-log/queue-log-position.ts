// The read position the live adapter stores in Redis with every batch (position-writer.ts):
// which file (device, inode, and a hash of its first line, so a new file that got the old inode
// is noticed), how far into it, a generation that grows on every rotation or truncation (so a
// position never repeats), and the mapper's state (so a restart maps the next line as this run would).
import { z } from 'zod';
import { restoreMapperState, storedMapperStateSchema, storeMapperState, type MapperState } from './mapper-state.js';

export interface FileIdentity {
  dev: string;
  ino: string;
  /** Hash of the file's first line; null while it has none. */
  head: string | null;
}

export interface FilePosition {
  /** Grows by one on every rotation or truncation. */
  gen: number;
  file: FileIdentity;
  /** Bytes read: always the end of a line. */
  offset: number;
}

const positionSchema = z.object({
  v: z.literal(1),
  gen: z.number().int().min(0),
  dev: z.string(),
  ino: z.string(),
  head: z.string().nullable(),
  offset: z.number().int().min(0),
  state: storedMapperStateSchema,
});

export function encodePosition(position: FilePosition, state: MapperState): string {
  const { gen, file, offset } = position;
  return JSON.stringify({ v: 1, gen, dev: file.dev, ino: file.ino, head: file.head, offset, state: storeMapperState(state) } satisfies z.input<typeof positionSchema>);
}

export type ParsedPosition = { ok: true; position: FilePosition; state: MapperState } | { ok: false; reason: string };

export function parsePosition(raw: string): ParsedPosition {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = positionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(position)'}: ${i.message}`).join('; ') };
  const { gen, dev, ino, head, offset, state } = parsed.data;
  return { ok: true, position: { gen, file: { dev, ino, head }, offset }, state: restoreMapperState(state) };
}
