// The automatic call distributor: waiting lines per queue and the idle agents who could take
// them. Work-conserving: a call never waits while an idle agent has its skill. VIP seats take
// silver, gold and diamond callers first; otherwise the longest-waiting caller goes first,
// and the longest-idle agent gets the next call (a JS Set iterates in insertion order, so its
// first member is the one idle longest).

export interface Routable {
  readonly vipTier: boolean;
  /** When the caller joined the current line. */
  queuedTs: number;
  /** Cleared when the caller leaves the line (answered or abandoned); lines drop such calls lazily. */
  waiting: boolean;
}

export interface Staffable {
  readonly skills: readonly string[];
  readonly vip: boolean;
}

class Line<C extends Routable> {
  private items: C[] = [];
  private head = 0;

  push(call: C): void {
    this.items.push(call);
  }

  /** The first caller still waiting, dropping those who left. */
  peek(): C | undefined {
    while (this.head < this.items.length && !this.items[this.head]!.waiting) this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.items[this.head];
  }

  shift(): C | undefined {
    const call = this.peek();
    if (call) this.head++;
    return call;
  }
}

interface QueueLines<C extends Routable, A extends Staffable> {
  vipCallers: Line<C>;
  standardCallers: Line<C>;
  waiting: number;
  idleVipSeats: Set<A>;
  idleStandardSeats: Set<A>;
}

export class Router<C extends Routable, A extends Staffable> {
  private readonly queues = new Map<string, QueueLines<C, A>>();

  constructor(queueIds: readonly string[]) {
    for (const id of queueIds) this.lines(id);
  }

  /** Puts a caller in `queue`'s line, or hands them straight to an idle agent (returned). */
  enqueue(call: C, queue: string): A | undefined {
    const lines = this.lines(queue);
    const preferred = call.vipTier ? lines.idleVipSeats : lines.idleStandardSeats;
    const fallback = call.vipTier ? lines.idleStandardSeats : lines.idleVipSeats;
    const agent = first(preferred) ?? first(fallback);
    if (agent) {
      this.remove(agent);
      return agent;
    }
    call.waiting = true;
    (call.vipTier ? lines.vipCallers : lines.standardCallers).push(call);
    lines.waiting++;
    return undefined;
  }

  /** The caller hung up while waiting. */
  leave(call: C, queue: string): void {
    if (!call.waiting) return;
    call.waiting = false;
    this.lines(queue).waiting--;
  }

  /**
   * The agent is free: returns the caller they take next (removed from its line, with the
   * queue it waited in), or marks the agent idle when nobody waits for their skills.
   */
  agentFree(agent: A): { call: C; queue: string } | undefined {
    let best: { call: C; queue: string; line: Line<C>; vip: boolean } | undefined;
    for (const queue of agent.skills) {
      const lines = this.lines(queue);
      for (const line of [lines.vipCallers, lines.standardCallers]) {
        const call = line.peek();
        if (!call) continue;
        const better = !best || (agent.vip && call.vipTier && !best.vip) || ((!agent.vip || call.vipTier === best.vip) && call.queuedTs < best.call.queuedTs);
        if (better) best = { call, queue, line, vip: call.vipTier };
      }
    }
    if (best) {
      best.line.shift();
      best.call.waiting = false;
      this.lines(best.queue).waiting--;
      return { call: best.call, queue: best.queue };
    }
    for (const queue of agent.skills) {
      const lines = this.lines(queue);
      (agent.vip ? lines.idleVipSeats : lines.idleStandardSeats).add(agent);
    }
    return undefined;
  }

  /** The agent is no longer idle (paused, logged off, or given a call). */
  remove(agent: A): void {
    for (const queue of agent.skills) {
      const lines = this.lines(queue);
      lines.idleVipSeats.delete(agent);
      lines.idleStandardSeats.delete(agent);
    }
  }

  /** Callers waiting now, in one queue or all. */
  waiting(queue?: string): number {
    if (queue !== undefined) return this.queues.get(queue)?.waiting ?? 0;
    let total = 0;
    for (const lines of this.queues.values()) total += lines.waiting;
    return total;
  }

  private lines(queue: string): QueueLines<C, A> {
    let lines = this.queues.get(queue);
    if (!lines) {
      lines = {
        vipCallers: new Line(),
        standardCallers: new Line(),
        waiting: 0,
        idleVipSeats: new Set(),
        idleStandardSeats: new Set(),
      };
      this.queues.set(queue, lines);
    }
    return lines;
  }
}

function first<T>(set: Set<T>): T | undefined {
  for (const item of set) return item;
  return undefined;
}
