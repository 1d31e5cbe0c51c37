// Reading a log file by whole lines at byte offsets, and telling files apart: the follower and
// the replay read through these. Offsets count bytes, not characters: a caller name in UTF-8 (or
// in GBK, read as replacement characters) never shifts the position.
import { createHash } from 'node:crypto';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FileIdentity } from './queue-log-position.js';

const CHUNK = 64 * 1024;
/** A line longer than this is cut to it (it is no queue_log line; the parser will say so). */
const MAX_LINE_TEXT = 8 * 1024;
/** The first line's bytes that identify a file. */
const HEAD_BYTES = 4096;
const NEWLINE = 0x0a;

export interface ReadLines {
  lines: string[];
  /** The offset after each line. */
  ends: number[];
  /** The offset after the last line returned. */
  end: number;
}

export interface ReadLinesOptions {
  /** The file is finished: a last line without its newline is taken as it is. @default false */
  takePartial?: boolean;
  /** Read no byte at or past this offset. @default the end of the file */
  limit?: number;
}

/**
 * Reads up to `maxLines` whole lines from `offset`. A last line without its newline is left for
 * later (the writer is still writing it) unless `takePartial` says the file is finished.
 */
export async function readLines(handle: FileHandle, offset: number, maxLines: number, options: ReadLinesOptions = {}): Promise<ReadLines> {
  const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
  const lines: string[] = [];
  const ends: number[] = [];
  const buffer = Buffer.allocUnsafe(CHUNK);
  let pos = offset;
  let end = offset;
  // A line longer than a chunk: its first bytes, kept while its end is looked for.
  let long: Buffer | null = null;
  while (lines.length < maxLines && pos < limit) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, limit - pos), pos);
    if (bytesRead === 0) break;
    let start = 0;
    for (let i = 0; i < bytesRead && lines.length < maxLines; i++) {
      if (buffer[i] !== NEWLINE) continue;
      const text = long
        ? Buffer.concat([long, buffer.subarray(start, i)]).toString('utf8', 0, MAX_LINE_TEXT)
        : buffer.toString('utf8', start, Math.min(i, start + MAX_LINE_TEXT));
      lines.push(text);
      long = null;
      start = i + 1;
      end = pos + start;
      ends.push(end);
    }
    if (lines.length >= maxLines) break;
    if (start < bytesRead) {
      // An unfinished line: read on from its start if it fits a chunk, else keep its first bytes and look further.
      if (start > 0) {
        pos += start;
        continue;
      }
      if (!long) long = Buffer.from(buffer.subarray(0, Math.min(bytesRead, MAX_LINE_TEXT)));
    }
    pos += bytesRead;
  }
  if (options.takePartial && lines.length < maxLines) {
    const last = Math.min(limit, (await handle.stat()).size);
    if (last > end) {
      const rest = Buffer.allocUnsafe(Math.min(last - end, MAX_LINE_TEXT));
      const { bytesRead } = await handle.read(rest, 0, rest.length, end);
      // Normally one unfinished line; split in case the file grew since the last read.
      lines.push(...rest.toString('utf8', 0, bytesRead).split('\n'));
      end = last;
      while (ends.length < lines.length) ends.push(end);
    }
  }
  return { lines, ends, end };
}

/** A hash of the file's first line (its first 4 KiB if longer); null while the first line is unfinished. */
export async function readHead(handle: FileHandle): Promise<string | null> {
  const buffer = Buffer.allocUnsafe(HEAD_BYTES);
  const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
  const newline = buffer.subarray(0, bytesRead).indexOf(NEWLINE);
  if (newline === -1 && bytesRead < HEAD_BYTES) return null;
  const length = newline === -1 ? HEAD_BYTES : newline + 1;
  return createHash('sha1').update(buffer.subarray(0, length)).digest('hex').slice(0, 16);
}

/** The head of the file at `path` (opened and closed again). */
export async function headOfPath(path: string): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    return await readHead(handle);
  } finally {
    await handle.close();
  }
}

export interface FileStat {
  dev: string;
  ino: string;
  size: number;
}

/** Device, inode and size of a path, or null when there is nothing there. */
export async function statPath(path: string): Promise<FileStat | null> {
  try {
    const s = await stat(path, { bigint: true });
    return s.isFile() ? { dev: String(s.dev), ino: String(s.ino), size: Number(s.size) } : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function statHandle(handle: FileHandle): Promise<FileStat> {
  const s = await handle.stat({ bigint: true });
  return { dev: String(s.dev), ino: String(s.ino), size: Number(s.size) };
}

export function sameFile(a: { dev: string; ino: string }, b: { dev: string; ino: string }): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

// logrotate's names for an old file: queue_log.1, queue_log-20261130, queue_log.2026-11-30;
// compressed ones cannot be read on from an offset.
const COMPRESSED = /\.(gz|bz2|xz|zst|lz4|z|zip)$/i;

export interface Sibling {
  path: string;
  stat: FileStat;
}

/**
 * The rotated copy of `file` in the followed file's directory: the same inode (renamed, the
 * default logrotate) or, failing that, a file with the same first line and at least `minSize`
 * bytes (copytruncate's copy). Null when it is gone (compressed or deleted).
 */
export async function findSibling(path: string, file: FileIdentity, minSize: number): Promise<Sibling | null> {
  const dir = dirname(path);
  const base = basename(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  let copy: Sibling | null = null;
  for (const name of names) {
    if (name === base || !name.startsWith(base) || COMPRESSED.test(name)) continue;
    const candidate = join(dir, name);
    const s = await statPath(candidate).catch(() => null);
    if (!s || s.size < minSize) continue;
    const head = await headOfPath(candidate).catch(() => null);
    if (head === null || head !== file.head) continue;
    if (sameFile(s, file)) return { path: candidate, stat: s };
    copy ??= { path: candidate, stat: s };
  }
  return copy;
}
