// `npm run ingest -- queue-log`: Asterisk's queue_log (Asterisk, FreePBX, Issabel, VitalPBX),
// followed live or replayed once.
import type { AdapterKind } from '../adapter.js';
import { startQueueLogLive } from './queue-log-live.js';
import { QUEUE_LOG_FLAGS, queueLogOptionsFromFlags, queueLogOptionsSchema } from './queue-log-options.js';
import { startQueueLogReplay } from './queue-log-replay.js';

export const queueLogAdapter: AdapterKind<typeof queueLogOptionsSchema> = {
  name: 'queue-log',
  summary: "follows Asterisk's queue_log (FreePBX, Issabel, VitalPBX too), or replays one with --replay",
  flags: QUEUE_LOG_FLAGS,
  fromFlags: (values) => queueLogOptionsFromFlags(values),
  schema: queueLogOptionsSchema,
  start: (options, deps) => (options.replay ? startQueueLogReplay(options, deps) : startQueueLogLive(options, deps)),
};
