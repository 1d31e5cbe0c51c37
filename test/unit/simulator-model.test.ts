// The call-centre model: every event it emits passes the shared schema, each call's events
// follow the contract's semantics, the roster and routing behave as a floor does, and a seed
// reproduces a run exactly.
import { describe, expect, it } from 'vitest';
import { decode, encode, type EventInput } from '../../server/core/events.js';
import { createCallCentre } from '../../simulator/model/call-centre.js';
import type { ModelConfig } from '../../simulator/model/model-config.js';
import { getScenario, SCENARIO_NAMES } from '../../simulator/scenarios/scenario-registry.js';
import { createEntrySource } from '../../simulator/entry-source.js';

const HOUR = 3_600_000;
// Monday 2025-06-02 00:00 in Shanghai: a whole local day from here.
const MIDNIGHT = Date.parse('2025-06-02T00:00:00+08:00');

function run(config: ModelConfig, hours: number, seed = 1, startTs = MIDNIGHT): EventInput[] {
  const model = createCallCentre({ config, seed, startTs });
  return model.takeUntil(startTs + hours * HOUR);
}

function byCall(events: EventInput[]): Map<string, EventInput[]> {
  const calls = new Map<string, EventInput[]>();
  for (const e of events) {
    if (!('callId' in e) || e.type === 'complaint.opened') continue;
    calls.set(e.callId, [...(calls.get(e.callId) ?? []), e]);
  }
  return calls;
}

const normalDay = getScenario('normal-day').build({});
const day = run(normalDay, 24);

describe('events against the contract', () => {
  it.each(SCENARIO_NAMES)('%s: every event encodes into an entry the shared schema accepts', (name) => {
    const events = run(getScenario(name).build({}), 1, 7, MIDNIGHT + 9 * HOUR);
    expect(events.length).toBeGreaterThan(100);
    for (const event of events) {
      const decoded = decode(encode(event));
      expect(decoded.ok ? 'ok' : decoded.reason, JSON.stringify(event)).toBe('ok');
    }
  });

  it('comes out in time order, in whole milliseconds', () => {
    const backwards = day.filter((e, i) => i > 0 && e.ts < day[i - 1]!.ts);
    expect(backwards).toEqual([]);
    expect(day.filter((e) => !Number.isInteger(e.ts))).toEqual([]);
  });

  it('follows each call from arrival to its end as the contract describes', () => {
    let checked = 0;
    for (const [callId, events] of byCall(day)) {
      const types = events.map((e) => e.type);
      expect(types[0], callId).toBe('call.arrived');
      const second = types[1];
      if (second === undefined) continue; // still in the IVR when the day ended
      expect(['call.blocked', 'call.queued', 'call.ended'], callId).toContain(second);
      if (second === 'call.blocked') expect(types).toHaveLength(2);
      let queue: string | null = null;
      let held = false;
      let answeredBy: string | null = null;
      for (const e of events.slice(1)) {
        switch (e.type) {
          case 'call.queued':
            expect(answeredBy, `${callId}: queued while with an agent`).toBeNull();
            queue = e.queue;
            break;
          case 'call.answered':
          case 'call.abandoned':
          case 'call.exited':
            expect(e.queue, callId).toBe(queue);
            if (e.type === 'call.answered') answeredBy = e.agentId;
            queue = e.type === 'call.answered' ? queue : null;
            break;
          case 'call.held':
            expect(held, callId).toBe(false);
            held = true;
            break;
          case 'call.hold_check':
            expect(held, `${callId}: a check outside a hold`).toBe(true);
            break;
          case 'call.resumed':
            expect(held, callId).toBe(true);
            held = false;
            break;
          case 'call.transferred':
            expect(e.agentId).toBe(answeredBy);
            expect(e.toQueue).not.toBe(queue);
            expect(['warm', 'cold']).toContain(e.mode);
            // The next event of the call is its queueing on the new queue, at the same time.
            expect(events[events.indexOf(e) + 1]).toMatchObject({ type: 'call.queued', queue: e.toQueue, ts: e.ts });
            held = false;
            answeredBy = null;
            break;
          case 'call.ended':
            if (e.reason === 'ivr-self-service') {
              expect(e.resolved).toBeUndefined();
            } else {
              expect(e.agentId, callId).toBe(answeredBy);
              expect(typeof e.resolved).toBe('boolean');
            }
            held = false;
            break;
          case 'call.arrived':
          case 'call.blocked':
          case 'agent.state':
          case 'complaint.opened':
          case 'complaint.replied':
          case 'alarm.raised':
          case 'alarm.acknowledged':
          case 'alarm.cleared':
            break; // the arrival and a blocking are checked above; the rest are not about one call
          case 'survey.submitted': {
            const ended = events.find((x) => x.type === 'call.ended');
            expect(ended, `${callId}: survey without an end`).toBeDefined();
            expect(e.ts).toBeGreaterThan(ended!.ts);
            expect(e.score).toBeGreaterThanOrEqual(0);
            expect(e.score).toBeLessThanOrEqual(100);
            break;
          }
          default:
            break;
        }
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('puts each agent into the state its calls imply, with team, name, queues and seat', () => {
    const agentEvents = day.filter((e) => e.type === 'agent.state');
    const incomplete = agentEvents.filter(
      (e) => !/^a\d{3}$/.test(e.agentId) || !e.team || !/^[A-Z][a-z]+ [A-Z][a-z]+$/.test(e.name ?? '') || !e.queues?.length || typeof e.vip !== 'boolean',
    );
    expect(incomplete).toEqual([]);
    // An answer comes with its agent going to talking at that instant.
    const unmatched = day.filter((e, i) => {
      if (e.type !== 'call.answered') return false;
      const next = day[i + 1];
      return !(next?.type === 'agent.state' && next.agentId === e.agentId && next.state === 'talking' && next.ts === e.ts);
    });
    expect(unmatched).toEqual([]);
    const states = new Set(agentEvents.map((e) => (e.type === 'agent.state' ? e.state : '')));
    expect([...states].sort()).toEqual(['acw', 'available', 'hold', 'offline', 'paused', 'ringing', 'talking']);
  });

  it('opens complaints with a deadline and replies later, some after it', () => {
    const opened = day.filter((e) => e.type === 'complaint.opened');
    const replied = new Map(day.filter((e) => e.type === 'complaint.replied').map((e) => [e.complaintId, e.ts]));
    expect(opened.length).toBeGreaterThan(20);
    let late = 0;
    for (const c of opened) {
      expect(c.dueTs).toBeGreaterThan(c.ts);
      const at = replied.get(c.complaintId);
      if (at === undefined) continue;
      expect(at).toBeGreaterThan(c.ts);
      if (at > c.dueTs!) late++;
    }
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(replied.size / 3);
  });
});

describe('the floor', () => {
  it('routes VIP tiers to the vip queue, answered there by VIP seats only', () => {
    const vipSeats = new Set(
      createCallCentre({ config: normalDay, seed: 1, startTs: MIDNIGHT })
        .agents.filter((a) => a.vip)
        .map((a) => a.id),
    );
    const queuedVip = day.filter((e) => e.type === 'call.queued' && e.queue === 'vip');
    expect(queuedVip.length).toBeGreaterThan(100);
    expect(queuedVip.every((e) => e.type === 'call.queued' && e.tier !== 'standard')).toBe(true);
    // A VIP caller's first queueing is always the vip queue (a transfer may move them on).
    const firstQueueings = [...byCall(day).values()].flatMap((events) => events.filter((e) => e.type === 'call.queued').slice(0, 1));
    const strayVip = firstQueueings.filter((e) => e.type === 'call.queued' && e.tier !== 'standard' && e.queue !== 'vip');
    expect(strayVip).toEqual([]);
    const answeredVip = day.filter((e) => e.type === 'call.answered' && e.queue === 'vip');
    expect(answeredVip.every((e) => e.type === 'call.answered' && vipSeats.has(e.agentId))).toBe(true);
  });

  it('staffs the peak hours more than the night, following the shifts', () => {
    const onDutyAt = (hour: number) => {
      const state = new Map<string, string>();
      for (const e of day) {
        if (e.ts > MIDNIGHT + hour * HOUR) break;
        if (e.type === 'agent.state') state.set(e.agentId, e.state);
      }
      return [...state.values()].filter((s) => s !== 'offline').length;
    };
    const night = onDutyAt(3.5);
    const peak = onDutyAt(10.5);
    expect(night).toBeGreaterThanOrEqual(10);
    expect(peak).toBeGreaterThan(night * 2);
  });

  it('follows the time-of-day profile: the 10:00 hour brings several times the 03:00 hour', () => {
    const arrivalsIn = (hour: number) => day.filter((e) => e.type === 'call.arrived' && e.ts >= MIDNIGHT + hour * HOUR && e.ts < MIDNIGHT + (hour + 1) * HOUR).length;
    expect(arrivalsIn(10) / arrivalsIn(3)).toBeGreaterThan(3.5);
    expect(arrivalsIn(10) / arrivalsIn(3)).toBeLessThan(6.5);
  });

  it('lets hold-heavy agents miss many more 30-second checks than a normal floor', () => {
    const lateShare = (events: EventInput[]) => {
      let due = 0;
      let late = 0;
      const since = new Map<string, number>();
      for (const e of events) {
        if (e.type === 'call.held' || e.type === 'call.hold_check') {
          if (e.type === 'call.hold_check') {
            due++;
            if (e.ts - since.get(e.callId)! > 30_000) late++;
          }
          since.set(e.callId, e.ts);
        } else if ((e.type === 'call.resumed' || e.type === 'call.ended' || e.type === 'call.transferred') && since.has(e.callId)) {
          const held = e.ts - since.get(e.callId)!;
          if (held > 30_000) {
            due++;
            late++;
          }
          since.delete(e.callId);
        }
      }
      return late / due;
    };
    const heavy = run(getScenario('hold-heavy').build({}), 6, 1, MIDNIGHT + 8 * HOUR);
    const normal = run(normalDay, 6, 1, MIDNIGHT + 8 * HOUR);
    expect(heavy.filter((e) => e.type === 'call.held').length).toBeGreaterThan(2 * normal.filter((e) => e.type === 'call.held').length);
    expect(lateShare(heavy)).toBeGreaterThan(lateShare(normal) + 0.1);
  });
});

describe('incidents', () => {
  const countIn = (events: EventInput[], type: string, fromMin: number, toMin: number, anchor: number) =>
    events.filter((e) => e.type === type && e.ts >= anchor + fromMin * 60_000 && e.ts < anchor + toMin * 60_000).length;
  const TEN = MIDNIGHT + 10 * HOUR;

  it('morning-surge: calls come at about 2.5 times the rate during the surge', () => {
    const events = run(getScenario('morning-surge').build({}), 1, 3, TEN);
    const normal = run(normalDay, 1, 3, TEN);
    const ratio = countIn(events, 'call.arrived', 6, 36, TEN) / countIn(normal, 'call.arrived', 6, 36, TEN);
    expect(ratio).toBeGreaterThan(2.1);
    expect(ratio).toBeLessThan(2.9);
  });

  it('trunk-outage: calls are blocked during the outage, hardly before or after it', () => {
    const events = run(getScenario('trunk-outage').build({}), 0.5, 3, TEN);
    const during = countIn(events, 'call.blocked', 2, 17, TEN);
    const arrived = countIn(events, 'call.arrived', 2, 17, TEN);
    expect(during / arrived).toBeGreaterThan(0.15);
    expect(countIn(events, 'call.blocked', 17, 30, TEN)).toBeLessThan(countIn(events, 'call.arrived', 17, 30, TEN) * 0.02);
    const reasons = new Set(events.filter((e) => e.type === 'call.blocked').map((e) => (e.type === 'call.blocked' ? e.reason : '')));
    expect(reasons).toEqual(new Set(['trunks-busy', 'ivr-fault']));
  });

  it('vip-surge: about half the callers are VIP during the window', () => {
    const events = run(getScenario('vip-surge').build({}), 0.6, 3, TEN);
    const inWindow = events.filter((e) => e.type === 'call.arrived' && e.ts >= TEN + 60_000 && e.ts < TEN + 31 * 60_000);
    const vip = inWindow.filter((e) => e.type === 'call.arrived' && e.tier !== 'standard').length;
    expect(vip / inWindow.length).toBeGreaterThan(0.4);
    expect(vip / inWindow.length).toBeLessThan(0.6);
  });
});

describe('determinism', () => {
  it('gives the same events for the same seed and start, and others for another seed', () => {
    const config = getScenario('normal-day').build({});
    const a = run(config, 2, 42, MIDNIGHT + 9 * HOUR);
    const b = run(getScenario('normal-day').build({}), 2, 42, MIDNIGHT + 9 * HOUR);
    const c = run(config, 2, 43, MIDNIGHT + 9 * HOUR);
    expect(b).toEqual(a);
    expect(c.slice(0, 500)).not.toEqual(a.slice(0, 500));
  });

  it('leaves the calls of a messy feed the same as in a clean run of the seed', () => {
    const take = (name: string) =>
      createEntrySource({ scenario: getScenario(name), overrides: {}, seed: 9, startTs: MIDNIGHT + 9 * HOUR })
        .take(MIDNIGHT + 10 * HOUR, Number.POSITIVE_INFINITY)
        .flatMap((entry) => (entry.kind === 'event' && entry.defect === null ? [entry.event] : []));
    const clean = take('normal-day');
    const messy = take('messy-feed');
    // Only lost ends and held-back queueings are missing from the messy feed's clean entries.
    const key = (e: EventInput) => JSON.stringify(e);
    const messyKeys = new Set(messy.map(key));
    const missing = clean.filter((e) => !messyKeys.has(key(e)));
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((e) => e.type === 'call.ended' || e.type === 'call.queued')).toBe(true);
    expect(missing.length).toBeLessThan(clean.length * 0.02);
  });
});
