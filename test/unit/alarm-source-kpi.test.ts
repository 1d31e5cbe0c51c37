// The source-quiet and KPI rules as measured off a snapshot: a source's seconds without a new
// event on the server's clock (whatever the monitor's own "quiet" judgement waits for), and a
// KPI alarm that clears only halfway back to its target, so it does not flap at its floor.
import { describe, expect, it } from 'vitest';
import { createAlarmMemory, evaluateAlarms, notePending, type AlarmTransition } from '../../server/core/alarm-evaluate.js';
import { measureAlarms, SOURCE_FLOWING_MS } from '../../server/core/alarm-measure.js';
import { applyAlarmEvent, alarmsPart, type AlarmsState } from '../../server/core/alarm-log.js';
import { alarmRulesSchema } from '../../server/core/alarm-rules.js';
import { decode, encode, type AlarmEvent } from '../../server/core/events.js';
import type { Kpi, SourceFeed } from '../../server/contract/snapshot.js';
import { T0 } from '../support/entries.js';

const SEC = 1000;
const source = (over: Partial<SourceFeed>): SourceFeed => ({
  source: 'pbx1',
  adapter: 'queue-log',
  state: 'live',
  sinceTs: T0,
  lastEventTs: T0,
  lastSeenTs: T0,
  reason: null,
  ...over,
});
type Input = Parameters<typeof measureAlarms>[0];
/** A floor with no call and no agent: its totals raise nothing. */
const quietFloor = {
  totals: { waiting: 0, longestWaitMs: 0 },
  window15m: { offered: 0, serviceLevel: null },
  agents: { available: 0, ringing: 0, talking: 0, hold: 0, acw: 0, paused: 0, offline: 0 },
};
const withSources = (...sources: SourceFeed[]): Input => ({ queues: [], held: [], kpis: [], feed: { state: 'live', sinceTs: T0, reason: null, sources }, ...quietFloor });
const quietValue = (input: Input, now: number, rules = alarmRulesSchema.parse({})) =>
  measureAlarms(input, rules, now)
    .filter((m) => m.rule === 'source-quiet')
    .map((m) => [m.scope, m.value]);

/** Evaluates measurements over time on one node, reading back what it writes. */
function floorNode() {
  const replica: AlarmsState = { alarms: [] };
  const memory = createAlarmMemory();
  return (input: Input, now: number, rules = alarmRulesSchema.parse({})): AlarmTransition[] => {
    const out = evaluateAlarms(measureAlarms(input, rules, now), alarmsPart(replica, 0, null).active, memory, now);
    notePending(memory, out, alarmsPart(replica, 0, null).active, now);
    for (const t of out) {
      const decoded = decode(encode(t));
      if (!decoded.ok) throw new Error(decoded.reason);
      applyAlarmEvent(replica, decoded.event as AlarmEvent);
    }
    return out;
  };
}

describe('the source-quiet rule', () => {
  it('measures the seconds since the source last had a new event, long before the monitor calls it quiet', () => {
    // Still "live" to the monitor (its quiet state waits 10 minutes), but 45 s without an event.
    expect(quietValue(withSources(source({ lastSeenTs: T0 - 45 * SEC })), T0)).toEqual([['pbx1', 45]]);
  });

  it('counts a steadily fed source as 0 s quiet, though the monitor reads it only every couple of seconds', () => {
    expect(quietValue(withSources(source({ lastSeenTs: T0 - SOURCE_FLOWING_MS })), T0)).toEqual([['pbx1', 0]]);
    expect(quietValue(withSources(source({ lastSeenTs: T0 - SOURCE_FLOWING_MS - SEC })), T0)).toEqual([['pbx1', 6]]);
  });

  it('counts a source down or gone at least from then, and a source with several adapters as its quietest', () => {
    expect(quietValue(withSources(source({ state: 'down', sinceTs: T0 - 90 * SEC, lastSeenTs: T0 - 2 * SEC })), T0)).toEqual([['pbx1', 90]]);
    expect(quietValue(withSources(source({ state: 'gone', sinceTs: T0 - 30 * SEC, lastSeenTs: T0 - 200 * SEC })), T0)).toEqual([['pbx1', 200]]);
    expect(quietValue(withSources(source({ lastSeenTs: T0 - 10 * SEC }), source({ adapter: 'ami', lastSeenTs: T0 - 70 * SEC }), source({ source: 'pbx2' })), T0)).toEqual(
      [
        ['pbx1', 70],
        ['pbx2', 0],
      ],
    );
  });

  it('reads a feed from a server before lastSeenTs as seconds not live', () => {
    const old = (over: Partial<SourceFeed>) => ({ ...source(over), lastSeenTs: undefined });
    expect(quietValue(withSources(old({ state: 'live', sinceTs: T0 - 900 * SEC })), T0)).toEqual([['pbx1', 0]]);
    expect(quietValue(withSources(old({ state: 'quiet', sinceTs: T0 - 900 * SEC })), T0)).toEqual([['pbx1', 900]]);
  });

  it('raises at the rule own level in seconds, escalates, and clears when events come again', () => {
    const tick = floorNode();
    const rules = alarmRulesSchema.parse({ rules: { 'source-quiet': { warning: { raise: 20, clear: 0 }, critical: { raise: 60, clear: 0 } } } });
    const lastEvent = T0;
    expect(tick(withSources(source({ lastSeenTs: lastEvent })), T0 + 19 * SEC, rules)).toEqual([]);
    expect(tick(withSources(source({ lastSeenTs: lastEvent })), T0 + 20 * SEC, rules)).toMatchObject([
      { type: 'alarm.raised', rule: 'source-quiet', scope: 'pbx1', severity: 'warning', value: 20 },
    ]);
    expect(tick(withSources(source({ lastSeenTs: lastEvent })), T0 + 60 * SEC, rules)).toMatchObject([{ type: 'alarm.raised', severity: 'critical' }]);
    // An event seen 2 s ago: flowing again.
    expect(tick(withSources(source({ lastSeenTs: T0 + 62 * SEC })), T0 + 64 * SEC, rules)).toMatchObject([
      { type: 'alarm.cleared', alarmId: expect.stringMatching(/^source-quiet:pbx1:/) as unknown },
    ]);
  });
});

describe('the kpi-missed rule', () => {
  const kpi = (value: number | null, sample = 100): Kpi => ({ id: 'agentConnect', value, target: 0.85, riskFloor: 0.8, unit: 'fraction', status: 'missed', sample });
  const withKpi = (k: Kpi): Input => ({ queues: [], held: [], kpis: [k], ...quietFloor });
  const rules = alarmRulesSchema.parse({ rules: { 'kpi-missed': { minMs: 0 } } });

  it('raises below the risk floor and clears only halfway back to the target', () => {
    const [m] = measureAlarms(withKpi(kpi(0.79)), rules, T0).filter((x) => x.rule === 'kpi-missed');
    expect(m).toMatchObject({ scope: 'agentConnect', value: 0.79, direction: 'below', warning: { raise: 0.8, clear: 0.825 }, critical: null });
    const tick = floorNode();
    expect(tick(withKpi(kpi(0.79)), T0, rules)).toMatchObject([{ type: 'alarm.raised', rule: 'kpi-missed', scope: 'agentConnect', severity: 'warning' }]);
    // Back at the floor, and a little above it: still missed enough to keep the alarm.
    expect(tick(withKpi(kpi(0.8)), T0 + SEC, rules)).toEqual([]);
    expect(tick(withKpi(kpi(0.82)), T0 + 2 * SEC, rules)).toEqual([]);
    expect(tick(withKpi(kpi(0.825)), T0 + 3 * SEC, rules)).toMatchObject([
      { type: 'alarm.cleared', alarmId: expect.stringMatching(/^kpi-missed:agentConnect:/) as unknown },
    ]);
  });

  it('takes a KPI on too small a sample as no data', () => {
    const [m] = measureAlarms(withKpi(kpi(0.5, 5)), rules, T0).filter((x) => x.rule === 'kpi-missed');
    expect(m!.value).toBeNull();
  });
});
