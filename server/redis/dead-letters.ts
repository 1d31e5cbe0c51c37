// Entries that fail validation go to "<stream>:dead" with the reason and the original fields,
// so an operator can see what the feed sent and fix the producer.
import type { Redis } from 'ioredis';
import type { Rejected } from '../aggregator.js';
import { keys } from './keys.js';

export interface DeadLetterSink {
  write(rejected: readonly Rejected[]): Promise<void>;
}

export function createDeadLetterSink(redis: Redis, maxLen: number): DeadLetterSink {
  return {
    async write(rejected) {
      const pipeline = redis.pipeline();
      for (const r of rejected) {
        pipeline.xadd(
          keys.deadLetters(r.stream),
          'MAXLEN',
          '~',
          maxLen,
          '*',
          'sourceStream',
          r.stream,
          'sourceId',
          r.id,
          'reason',
          r.reason,
          'fields',
          JSON.stringify(r.fields),
        );
      }
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error)?.[0];
      if (failed) throw failed;
    },
  };
}
