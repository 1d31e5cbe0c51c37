// The stream consumer's settings: the server's own, documented once (with their defaults) in
// ServerConfig, plus the name this process goes by. Each duty picks the fields it uses.
import type { ServerConfig } from '../config.js';

export interface StreamConsumerOptions extends Pick<
  ServerConfig,
  'streams' | 'group' | 'batchSize' | 'blockMs' | 'checkpointIntervalMs' | 'leaseMs' | 'retentionMs' | 'trimIntervalMs'
> {
  /** This process's name in the consumer group, and its ID as lease holder. No default: main.ts makes it from the host and pid (see leaseOwnerId). */
  consumer: string;
}
