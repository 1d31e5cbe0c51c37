// The adapters `npm run ingest` and the server's config file know, by command name.
import type { AdapterKind } from './adapter.js';
import { amiAdapter } from './ami/ami-adapter.js';
import { queueLogAdapter } from './queue-log/queue-log-adapter.js';

export const ADAPTER_KINDS: readonly AdapterKind[] = [queueLogAdapter, amiAdapter];
