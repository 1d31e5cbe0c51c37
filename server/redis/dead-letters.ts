// Entries that fail validation go to "<stream>:dead" with the reason and the original fields
// (cut and masked by deadLetterRecord), so an operator can see what the feed sent and fix the producer.
import type { Redis } from 'ioredis';
import type { Rejected } from '../aggregator.js';
import { deadLetterRecord } from '../core/dead-letter-record.js';
import { keys } from './keys.js';

export interface DeadLetterSink {
  write(rejected: readonly Rejected[]): Promise<void>;
}

export function createDeadLetterSink(redis: Redis, maxLen: number): DeadLetterSink {
  return {
    async write(rejected) {
      const pipeline = redis.pipeline();
      for (const r of rejected) {
        const record = deadLetterRecord(r.reason, r.fields);
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
          record.reason,
          'fields',
          record.fields,
        );
      }
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error)?.[0];
      if (failed) throw failed;
    },
  };
}
