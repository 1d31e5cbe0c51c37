// The queue_log mapping checked against the core it feeds: a written day of queue_log (the
// fixture), mapped, then aggregated by the server's own core. This pins the decisions that only
// make sense together with the core: a re-queue after an exit or a transfer is a new offer, an
// exit is counted apart from answers and abandons, a CONNECT's wait is the time since its
// ENTERQUEUE, and a call that leaves the queues (a transfer to an extension) waits nowhere.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../server/core/events.js';
import { checked } from '../../server/ingest/position-writer.js';
import { initialMapperState } from '../../server/ingest/queue-log/mapper-state.js';
import { mapLine } from '../../server/ingest/queue-log/queue-log-mapper.js';
import { parseQueueLogLine } from '../../server/ingest/queue-log/queue-log-line.js';
import { snapshotFromEvents } from '../support/snapshot-from-events.js';

const FIXTURE = new URL('../fixtures/queue-log/sample-day.queue_log', import.meta.url);
const T = 1795400000_000;

function mapFixture(): { events: EventInput[]; skipped: string[]; ignored: number } {
  const state = initialMapperState();
  const events: EventInput[] = [];
  const skipped: string[] = [];
  let ignored = 0;
  for (const text of readFileSync(FIXTURE, 'utf8').split('\n')) {
    if (text === '') continue;
    const parsed = parseQueueLogLine(text);
    if (!parsed.ok) {
      skipped.push(parsed.reason);
      continue;
    }
    const outcome = mapLine(state, parsed.line, { source: 'pbx1' });
    if (outcome.kind === 'events') events.push(...outcome.events);
    else if (outcome.kind === 'skipped') skipped.push(outcome.reason);
    else ignored += 1;
  }
  return { events, skipped, ignored };
}

describe('a day of queue_log through the core', () => {
  const { events, skipped, ignored } = mapFixture();
  const snap = snapshotFromEvents(events, T + 900_000);

  it('skips the vendor events and the broken line by reason, and ignores what shows nothing', () => {
    expect(skipped).toEqual(['unknown event CUSTOMSURVEY', 'unparsable line', 'unknown event JOINEMPTY']);
    // QUEUESTART, AGENTLOGIN (already a member), DID, RINGNOANSWER and PAUSE (no change), PENALTY, CONFIGRELOAD.
    expect(ignored).toBe(7);
  });

  it('counts arrivals once per call and an offer per wait: an exit and a transfer each lead to a new one', () => {
    expect(snap.totals).toMatchObject({ arrived: 5, queued: 7, answered: 4, abandoned: 1, exited: 2, waiting: 0, coldTransfers: 1, warmTransfers: 1 });
    expect(snap.queues.map((q) => [q.id, q.queued, q.answered, q.abandoned, q.exited])).toEqual([
      ['sales', 5, 3, 0, 2],
      ['support', 2, 1, 1, 0],
    ]);
  });

  it("measures a CONNECT's wait from its ENTERQUEUE: 12 s, 8 s, 5 s and 4 s", () => {
    expect(snap.totals.asaMs).toBe(((12 + 8 + 5 + 4) / 4) * 1000);
  });

  it('shows agents as the log left them: the one removed from their only queue and the one logged off are offline', () => {
    expect(snap.agents).toMatchObject({ available: 1, talking: 0, paused: 0, offline: 2 });
    expect(snap.agentList.map((a) => [a.id, a.state, a.queues])).toEqual(
      expect.arrayContaining([
        ['2001', 'available', ['sales', 'support']],
        ['2002', 'offline', []],
        ['3001', 'offline', ['support']],
      ]),
    );
  });

  it('gives the caller and the DID as dnis; the caller leaves the adapter masked', () => {
    const arrived = events.find((e) => e.type === 'call.arrived')!;
    expect(arrived).toEqual({ type: 'call.arrived', callId: 'pbx1:1795400010.11', ts: T + 10_000, caller: '13812345678', dnis: '4008800100' });
    expect(checked([arrived]).valid[0]).toMatchObject({ caller: '138****5678', dnis: '4008800100' });
  });
});
