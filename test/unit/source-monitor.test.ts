// The board's judgement of each PBX adapter, on the server's clock: live, quiet, down, gone,
// forgotten, whatever the adapter's own clock says.
import { describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../server/ingest/source-status.js';
import { SourceTracker } from '../../server/source-monitor.js';

const T0 = 1_795_400_000_000;
const SKEW = 3_600_000; // the adapter's clock runs an hour ahead of the server's

function record(over: Partial<SourceStatus> = {}): SourceStatus {
  return {
    source: 'pbx1',
    adapter: 'queue-log',
    link: 'up',
    linkReason: null,
    linkSinceTs: T0 + SKEW,
    startedTs: T0 + SKEW,
    heartbeatTs: T0 + SKEW,
    lastEventTs: T0 + SKEW,
    events: 10,
    skipped: {},
    host: 'pbx',
    pid: 1,
    ...over,
  };
}
const raw = (...records: SourceStatus[]) => Object.fromEntries(records.map((r) => [`${r.source}/${r.adapter}`, JSON.stringify(r)]));
const judgement = { goneAfterMs: 20_000, quietAfterMs: 600_000, forgetAfterMs: 86_400_000, pollMs: 2000 };

describe('source tracker', () => {
  it('has nothing to say before any adapter reported', () => {
    const tracker = new SourceTracker(judgement);
    tracker.observe({}, T0);
    expect(tracker.sources()).toBeUndefined();
  });

  it('calls a reporting adapter with moving events live, whatever its clock', () => {
    const tracker = new SourceTracker(judgement);
    tracker.observe(raw(record()), T0);
    expect(tracker.sources()).toEqual([{ source: 'pbx1', adapter: 'queue-log', state: 'live', sinceTs: T0, lastEventTs: T0 + SKEW, lastSeenTs: T0, reason: null }]);
  });

  it('calls it quiet when its heartbeat goes on but no event comes for the quiet time, and live again when one does', () => {
    const tracker = new SourceTracker(judgement);
    tracker.observe(raw(record()), T0);
    let t = T0;
    for (let i = 1; i <= 130; i++) {
      t = T0 + i * 5000;
      tracker.observe(raw(record({ heartbeatTs: t + SKEW })), t);
    }
    expect(tracker.sources()![0]).toMatchObject({ state: 'quiet', sinceTs: T0, lastSeenTs: T0 });
    tracker.observe(raw(record({ heartbeatTs: t + SKEW, events: 11, lastEventTs: t + SKEW })), t);
    expect(tracker.sources()![0]).toMatchObject({ state: 'live', sinceTs: t, lastSeenTs: t });
  });

  it('on a server start, dates the last event by the adapter clock, so a long-quiet source shows quiet at once', () => {
    const tracker = new SourceTracker(judgement);
    tracker.observe(raw(record({ heartbeatTs: T0 + SKEW, lastEventTs: T0 + SKEW - 700_000 })), T0);
    expect(tracker.sources()![0]).toMatchObject({ state: 'quiet', sinceTs: T0 - 700_000, lastSeenTs: T0 - 700_000 });
  });

  it('calls it down with the reason and the time the link went down, carried over to the server clock', () => {
    const tracker = new SourceTracker(judgement);
    tracker.observe(raw(record({ link: 'down', linkReason: 'connect ECONNREFUSED', linkSinceTs: T0 + SKEW - 30_000 })), T0);
    expect(tracker.sources()![0]).toMatchObject({ state: 'down', sinceTs: T0 - 30_000, reason: 'connect ECONNREFUSED' });
    // A heartbeat later keeps the same since-time.
    tracker.observe(raw(record({ link: 'down', linkReason: 'connect ECONNREFUSED', linkSinceTs: T0 + SKEW - 30_000, heartbeatTs: T0 + SKEW + 5000 })), T0 + 5000);
    expect(tracker.sources()![0]).toMatchObject({ state: 'down', sinceTs: T0 - 30_000 });
  });

  it('calls it gone when its record stops changing, and forgets it after a day', () => {
    const tracker = new SourceTracker(judgement);
    tracker.observe(raw(record()), T0);
    tracker.observe(raw(record()), T0 + 19_000);
    expect(tracker.sources()![0]!.state).toBe('live');
    tracker.observe(raw(record()), T0 + 21_000);
    expect(tracker.sources()![0]).toMatchObject({ state: 'gone', sinceTs: T0, reason: 'no report from the adapter' });
    tracker.observe(raw(record()), T0 + 86_400_001);
    expect(tracker.sources()).toEqual([]);
    tracker.observe(raw(record()), T0 + 86_500_000);
    expect(tracker.sources()).toEqual([]);
    // The adapter is started again: a new record.
    tracker.observe(raw(record({ startedTs: T0 + SKEW + 86_500_000, heartbeatTs: T0 + SKEW + 86_500_000 })), T0 + 86_500_000);
    expect(tracker.sources()![0]).toMatchObject({ state: 'live', sinceTs: T0 + 86_500_000 });
  });

  it('moves its version only when what it shows changes', () => {
    const tracker = new SourceTracker(judgement);
    tracker.observe(raw(record()), T0);
    const v = tracker.version;
    tracker.observe(raw(record({ heartbeatTs: T0 + SKEW + 5000 })), T0 + 5000);
    expect(tracker.version).toBe(v);
    tracker.observe(raw(record({ heartbeatTs: T0 + SKEW + 10_000, lastEventTs: T0 + SKEW + 9000, events: 12 })), T0 + 10_000);
    expect(tracker.version).toBe(v + 1);
  });

  it('ignores a record that does not parse, and lists the others by name', () => {
    const tracker = new SourceTracker(judgement);
    tracker.observe({ ...raw(record({ source: 'pbx2' }), record({ adapter: 'ami' })), 'junk/x': '{"source":1}', 'bad/y': 'not json' }, T0);
    expect(tracker.sources()!.map((s) => `${s.source}/${s.adapter}`)).toEqual(['pbx1/ami', 'pbx2/queue-log']);
    expect(tracker.details()[0]).toMatchObject({ source: 'pbx1', adapter: 'ami', events: 10, skipped: {}, state: 'live' });
  });
});
