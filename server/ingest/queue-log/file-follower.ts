// Follows a log file like `tail -F`, by whole lines, through logrotate both ways:
// - rename-and-create: the old file is read to its end, then the new one from its start. The
//   switch waits until the new file has a byte in it, since the writer (Asterisk, until its
//   `logger reload`) may still be appending to the old one until then;
// - copytruncate: the file shrinks below the position (or its first line changes): the rest of
//   the old content is read from the copy if it is still beside it, then the file from its start.
// A restart resumes the stored position, in a rotated sibling if the file has moved on since.
// fs.watch on the directory wakes it at once; a poll catches what watch misses (NFS, some
// container mounts). Every rotation or truncation moves to a new generation.
import { watch, type FSWatcher } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from '../../log.js';
import { findSibling, readHead, readLines, sameFile, statHandle, statPath } from './file-lines.js';
import type { FileIdentity, FilePosition } from './queue-log-position.js';

export interface FollowerOptions {
  path: string;
  /** How often the file is checked when no change was signalled. */
  pollMs: number;
  /** Most lines in one batch. */
  batchLines: number;
  log: Logger;
  /** The file is open ('up'), or missing or unreadable ('down', with the reason). */
  onLink(state: 'up' | 'down', reason?: string): void;
}

export interface LineBatch {
  lines: string[];
  /** The position after the batch: stored once its events are appended. */
  position: FilePosition;
  /** The batch ends where the file ended when it was read. */
  atEnd: boolean;
}

interface Current {
  handle: FileHandle;
  /** The path it was opened by: the followed path, or a rotated sibling being finished. */
  openedAs: string;
  identity: FileIdentity;
  offset: number;
  gen: number;
}

export class FileFollower {
  private current: Current | null = null;
  private resume: FilePosition | null;
  /** The generation of the file opened next when there is no position to resume. */
  private nextGen = 0;
  private stopped = false;
  private wake: (() => void) | null = null;
  private watcher: FSWatcher | null = null;
  /** A new file is at the path and ours was read once more after it was seen. */
  private drained = false;
  private takePartial = false;
  private lastError: string | null = null;
  /** The watcher saw a change since the last wait. */
  private signalled = false;

  constructor(
    private readonly options: FollowerOptions,
    resume: FilePosition | null,
  ) {
    this.resume = resume;
  }

  /** The next batch of lines, waiting for them if need be; null once stopped. */
  async next(): Promise<LineBatch | null> {
    while (!this.stopped) {
      try {
        const batch = await this.step();
        this.lastError = null;
        if (batch) return batch;
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        // Once per kind of failure, not once a poll: EACCES can last until someone fixes the permissions.
        if ((error as Error).message !== this.lastError)
          this.options.log.warn('cannot read the queue_log', { file: this.current?.openedAs ?? this.options.path, error: (error as Error).message });
        this.lastError = (error as Error).message;
        this.options.onLink('down', reason);
        await this.close();
      }
      await this.sleep();
    }
    return null;
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    this.watcher?.close();
    this.watcher = null;
    if (current) {
      this.nextGen = current.gen + 1;
      this.resume ??= { gen: current.gen, file: current.identity, offset: current.offset };
      await current.handle.close().catch(() => undefined);
    }
  }

  /** Lines if there are any; null to wait for a change. */
  private async step(): Promise<LineBatch | null> {
    for (;;) {
      const current = this.current ?? (await this.openFile());
      if (!current) return null;
      const read = await readLines(current.handle, current.offset, this.options.batchLines, { takePartial: this.takePartial });
      this.takePartial = false;
      if (read.lines.length > 0) {
        current.offset = read.end;
        current.identity.head ??= await readHead(current.handle);
        const size = (await statHandle(current.handle)).size;
        return {
          lines: read.lines,
          position: { gen: current.gen, file: identityOf(current.identity, current.identity.head), offset: current.offset },
          atEnd: current.offset >= size,
        };
      }
      if (!(await this.checkAtEnd(current))) return null;
    }
  }

  /** At the end of our file: has it been truncated, or replaced at the path? True to read again at once. */
  private async checkAtEnd(current: Current): Promise<boolean> {
    const ours = await statHandle(current.handle);
    if (ours.size < current.offset || (current.identity.head !== null && (await readHead(current.handle)) !== current.identity.head)) {
      await this.truncated(current);
      return true;
    }
    const atPath = await statPath(this.options.path);
    if (atPath === null) {
      this.options.onLink('down', 'file missing');
      return false;
    }
    this.options.onLink('up');
    if (sameFile(atPath, current.identity) || atPath.size === 0) return false;
    // Another file is at the path and the writer has started it: finish ours, then switch.
    if (!this.drained) {
      this.drained = true;
      return true;
    }
    if (ours.size > current.offset) {
      // An unfinished last line nobody will finish now: take it as it is.
      this.takePartial = true;
      return true;
    }
    this.options.log.info('the queue_log was rotated: reading the new file', { finished: current.openedAs, offset: current.offset });
    await current.handle.close();
    this.current = null;
    this.nextGen = current.gen + 1;
    return (await this.openFile()) !== null;
  }

  /** copytruncate: read what we had not read from the copy if it is there, then the file from its start. */
  private async truncated(current: Current): Promise<void> {
    const copy = current.identity.head === null ? null : await findSibling(this.options.path, current.identity, current.offset + 1);
    if (copy && !sameFile(copy.stat, current.identity) && current.openedAs === this.options.path) {
      this.options.log.warn('the queue_log was truncated (copytruncate): reading the rest from its copy first', { copy: copy.path, offset: current.offset });
      const handle = await open(copy.path, 'r');
      await current.handle.close();
      this.current = { handle, openedAs: copy.path, identity: identityOf(copy.stat, current.identity.head), offset: current.offset, gen: current.gen };
      this.drained = false;
      return;
    }
    this.options.log.warn('the queue_log was truncated (copytruncate): reading it from the start', { file: current.openedAs, offset: current.offset });
    current.gen += 1;
    current.offset = 0;
    current.identity = identityOf(await statHandle(current.handle), await readHead(current.handle));
  }

  /** Opens where to read: the stored position (in the file or a rotated sibling), else the path from its start. */
  private async openFile(): Promise<Current | null> {
    const { path } = this.options;
    const resume = this.resume;
    if (resume && (await this.openResumed(resume))) return this.current;
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.options.onLink('down', 'file missing');
      return null;
    }
    if (resume) {
      this.options.log.warn(
        'the file of the stored position is gone (compressed or deleted?): its lines after that position are lost; reading the current file from its start',
        {
          offset: resume.offset,
        },
      );
      this.nextGen = resume.gen + 1;
    }
    this.resume = null;
    const s = await statHandle(handle);
    this.current = { handle, openedAs: path, identity: identityOf(s, await readHead(handle)), offset: 0, gen: this.nextGen };
    this.drained = false;
    this.options.onLink('up');
    return this.current;
  }

  private async openResumed(resume: FilePosition): Promise<boolean> {
    const { path } = this.options;
    const atPath = await statPath(path);
    let where: string | null = null;
    if (atPath && sameFile(atPath, resume.file) && atPath.size >= resume.offset) {
      const handle = await open(path, 'r');
      const head = await readHead(handle);
      await handle.close();
      if (head === resume.file.head) where = path;
    }
    where ??= (await findSibling(path, resume.file, resume.offset))?.path ?? null;
    if (where === null) return false;
    const handle = await open(where, 'r');
    const s = await statHandle(handle);
    if (where !== path) this.options.log.info('resuming in the rotated file first', { file: where, offset: resume.offset });
    this.current = { handle, openedAs: where, identity: identityOf(s, resume.file.head), offset: resume.offset, gen: resume.gen };
    this.resume = null;
    this.drained = false;
    this.options.onLink('up');
    return true;
  }

  private async sleep(): Promise<void> {
    this.ensureWatcher();
    if (this.stopped || this.signalled) {
      this.signalled = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.options.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = null;
    this.signalled = false;
  }

  private ensureWatcher(): void {
    if (this.watcher) return;
    const base = basename(this.options.path);
    try {
      this.watcher = watch(dirname(this.options.path), { persistent: false }, (_event, name) => {
        if (name !== null && !name.startsWith(base)) return;
        this.signalled = true;
        this.wake?.();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      // No directory (yet), or no inotify here: the poll carries on alone.
      this.watcher = null;
    }
  }
}

function identityOf(file: { dev: string; ino: string }, head: string | null): FileIdentity {
  return { dev: file.dev, ino: file.ino, head };
}
