// Entries that fail validation go to "<stream>:dead" with the reason and the original fields
// (cut and masked by deadLetterRecord), so an operator can see what the feed sent and fix the producer.
// A dead letter takes its source entry's ID: after a crash between the dead letter and the
// checkpoint the entry is refused again, and Redis refuses the second dead letter (an ID at or
// below the stream's top), so each bad entry is dead-lettered exactly once.
import type { RedisConnection } from './connection.js';
import type { Rejected } from '../aggregator.js';
import { deadLetterRecord } from '../core/dead-letter-record.js';
import { keys } from './keys.js';

export interface DeadLetterSink {
  write(rejected: readonly Rejected[]): Promise<void>;
}

export function createDeadLetterSink(redis: RedisConnection, maxLen: number): DeadLetterSink {
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
          r.id,
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
      const failed = results?.find(([error]) => error && !isAlreadyWritten(error))?.[0];
      if (failed) throw failed;
    },
  };
}

// Redis's answer to an XADD whose explicit ID is not above the stream's top: written before.
function isAlreadyWritten(error: Error): boolean {
  return error.message.includes('equal or smaller than the target stream top item');
}
