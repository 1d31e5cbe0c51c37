// Keeps this process's hold on the group's lease: waits as a standby until it gets it, renews
// it while active, and stops the work the moment another process has it.
import type { Logger } from '../log.js';
import type { StreamConsumerOptions } from './consumer-options.js';
import type { Lease } from './lease.js';
import { sleep } from './sleep.js';

export interface LeaseKeeperDeps {
  lease: Lease;
  log: Logger;
  now: () => number;
  /** Called when another process holds the lease: on first finding it taken, and on losing it. */
  onStandby: () => void;
}

export class LeaseKeeper {
  private renewedAt = 0;

  constructor(
    private readonly options: Pick<StreamConsumerOptions, 'group' | 'consumer' | 'leaseMs'>,
    private readonly deps: LeaseKeeperDeps,
  ) {}

  /** Resolves once this process holds the lease, or once `signal` stops the wait. */
  async acquire(signal: AbortSignal): Promise<void> {
    let announced = false;
    while (!signal.aborted) {
      if (await this.deps.lease.tryAcquire()) {
        this.renewedAt = this.deps.now();
        this.deps.log.info('holding the aggregation lease', { group: this.options.group, consumer: this.options.consumer });
        return;
      }
      if (!announced) {
        this.deps.onStandby();
        this.deps.log.info('standing by: another process holds the aggregation lease', { holder: await this.deps.lease.holder() });
        announced = true;
      }
      await sleep(Math.max(200, this.options.leaseMs / 3), signal);
    }
  }

  /**
   * Renews the lease once a third of it has run; throws when it is no longer ours. Only a holder
   * that exists makes this process a standby: a renewal that Redis ran after a pause (CLIENT
   * PAUSE, a stall) longer than the lease finds it expired and held by nobody, and the loop just
   * takes it again.
   */
  async keep(): Promise<void> {
    if (this.deps.now() - this.renewedAt < this.options.leaseMs / 3) return;
    if (!(await this.deps.lease.renew())) {
      const holder = await this.deps.lease.holder();
      if (holder === null) throw new Error(`the aggregation lease expired unrenewed (Redis or this process stalled over ${this.options.leaseMs} ms); taking it again`);
      this.deps.onStandby();
      this.deps.log.warn('lost the aggregation lease', { holder });
      throw new Error('lost the aggregation lease to another process');
    }
    this.renewedAt = this.deps.now();
  }

  release(): Promise<void> {
    return this.deps.lease.release();
  }
}
