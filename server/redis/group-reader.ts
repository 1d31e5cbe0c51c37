// The consumer's blocking group read, on a connection of its own. A blocking read can hang for
// good after a reconnect; past its BLOCK time plus a margin the watchdog drops the connection,
// fails the read, and the next read makes a new connection.
import { withTimeout } from '../with-timeout.js';
import type { StreamConsumerOptions } from './consumer-options.js';
import type { BlockingStreamsClient, GroupBatch } from './streams-client.js';

/** How long past BLOCK a read may take before the watchdog drops its connection. */
export const WATCHDOG_MARGIN_MS = 5000;

export class GroupReader {
  private connection: BlockingStreamsClient | null = null;

  constructor(
    private readonly options: Pick<StreamConsumerOptions, 'streams' | 'group' | 'consumer' | 'batchSize' | 'blockMs'>,
    /** Makes the dedicated connection (a new one after the watchdog dropped the last). */
    private readonly connect: () => BlockingStreamsClient,
  ) {}

  /**
   * The next new entries for this consumer, [] when none came within BLOCK; throws when the watchdog fired. While
   * `behind`, read without acknowledgement (NOACK): recovery re-reads by XRANGE whatever the group delivered past the
   * checkpoint, acknowledged or not, so the pending entries would only cost Redis an insert and an XACK per entry.
   */
  async read(behind = false): Promise<GroupBatch[]> {
    this.connection ??= this.connect();
    const connection = this.connection;
    const { group, consumer, streams, batchSize, blockMs } = this.options;
    const read = connection.readGroup(group, consumer, streams, batchSize, blockMs, behind);
    try {
      return await withTimeout(read, blockMs + WATCHDOG_MARGIN_MS, 'Redis not answering: blocking read did not return');
    } catch (error) {
      read.catch(() => {});
      connection.disconnect();
      if (this.connection === connection) this.connection = null;
      throw error;
    }
  }

  /** Closes the connection, failing a read in flight (the consumer is stopping). */
  close(): void {
    this.connection?.disconnect();
  }
}
