// Appends contract events to the stream the way any producer does: XADD with encodeArgs.
import { Redis } from 'ioredis';
import { encodeArgs, type EventInput } from '../../../server/core/events.js';

export const STREAM = 'wallboard:events';

export async function publish(redisUrl: string, events: readonly EventInput[], stream = STREAM): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    for (let i = 0; i < events.length; i += 500) {
      const pipeline = redis.pipeline();
      for (const event of events.slice(i, i + 500)) pipeline.xadd(stream, '*', ...encodeArgs(event));
      await pipeline.exec();
    }
  } finally {
    redis.disconnect();
  }
}
