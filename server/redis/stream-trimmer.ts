// Trims the streams by age, but never past what the stored checkpoint covers: a crash replays
// from there, so those entries must still be in the stream.
import { entryIdMs } from '../core/entry-id.js';
import type { Logger } from '../log.js';
import type { StreamConsumerOptions } from './consumer-options.js';
import type { StreamsClient } from './streams-client.js';

export interface StreamTrimmerDeps {
  streams: Pick<StreamsClient, 'trimMinId'>;
  /** The last entry of a stream the stored checkpoint covers; nothing is trimmed before there is one. */
  checkpointed: (stream: string) => string | null | undefined;
  log: Logger;
  now: () => number;
}

export class StreamTrimmer {
  private lastTrimAt = 0;

  constructor(
    private readonly options: Pick<StreamConsumerOptions, 'streams' | 'retentionMs' | 'trimIntervalMs'>,
    private readonly deps: StreamTrimmerDeps,
  ) {}

  async trimIfDue(): Promise<void> {
    if (this.deps.now() - this.lastTrimAt >= this.options.trimIntervalMs) await this.trim();
  }

  private async trim(): Promise<void> {
    this.lastTrimAt = this.deps.now();
    for (const stream of this.options.streams) {
      const cursor = this.deps.checkpointed(stream);
      if (!cursor) continue;
      const minMs = Math.min(this.deps.now() - this.options.retentionMs, entryIdMs(cursor));
      const removed = await this.deps.streams.trimMinId(stream, `${minMs}-0`);
      if (removed > 0) this.deps.log.info('trimmed stream', { stream, removed, olderThan: new Date(minMs).toISOString() });
    }
  }
}
