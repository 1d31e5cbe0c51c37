/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access -- the tests edit a checkpoint's raw JSON, whatever its shape */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Aggregator, type RawEntry } from '../../server/aggregator.js';
import { CHECKPOINT_VERSION, CheckpointFormatError, restoreState, serializeCall, serializeCore } from '../../server/core/checkpoint-codec.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import type { Snapshot } from '../../server/contract/snapshot.js';

interface Fixture {
  configOverrides: Partial<typeof DEFAULT_CORE_CONFIG>;
  entries: RawEntry[];
  duplicates: RawEntry[];
  later: RawEntry[];
  now: number;
  checkpoint: { core: string; calls: string[] };
}

const FIXTURES = new URL('../fixtures/', import.meta.url);
const load = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Fixture;
const v1 = load('checkpoint-v1.json');
const config = { ...DEFAULT_CORE_CONFIG, ...v1.configOverrides };
const views = [{}, { queues: ['billing'] }, { team: 'south' }, { detail: true }];
const DAY = 24 * 3600_000;

/** The fixture's entries applied by the code of today. */
function replayed(fixture: Fixture): Aggregator {
  const aggregator = new Aggregator(config);
  aggregator.applyBatch([...fixture.entries, ...fixture.duplicates]);
  return aggregator;
}

function restored(core: string, calls: string[] = v1.checkpoint.calls): Aggregator {
  const aggregator = new Aggregator(config);
  aggregator.restore({ core, calls });
  return aggregator;
}

/** The whole state, as a full checkpoint writes it. */
function stateOf(a: Aggregator): { core: string; calls: string[] } {
  a.checkpointFailed(); // the next checkpoint writes every call
  const parts = a.checkpointParts();
  return { core: parts.core, calls: [...parts.calls.values()].filter((c) => c !== null) };
}

/** The v1 core with a change made to its parsed JSON. */
function v1CoreWith(change: (core: Record<string, any>) => void): string {
  const core = JSON.parse(v1.checkpoint.core) as Record<string, any>;
  change(core);
  return JSON.stringify(core);
}

/** The snapshot without the agents' day figures (handled, handle time, holds, misses, transfers), which older checkpoints lack. */
function withoutAgentDays(snapshot: Snapshot): Snapshot {
  return {
    ...snapshot,
    agentList: snapshot.agentList.map((a) => ({
      ...a,
      today: a.today && { ...a.today, handled: 0, meanHandleMs: null, holds: 0, holdChecksMissed: 0, coldTransfers: 0, warmTransfers: 0 },
    })),
  };
}

const formatError = (run: () => unknown): CheckpointFormatError => {
  try {
    run();
  } catch (error) {
    if (error instanceof CheckpointFormatError) return error;
    throw error;
  }
  throw new Error('expected a CheckpointFormatError');
};

describe('checkpoints written by earlier versions', () => {
  const files = readdirSync(FIXTURES).filter((f) => /^checkpoint-v\d+\.json$/.test(f));

  it('has a fixture for every version up to the current one', () => {
    expect(files.sort()).toEqual(Array.from({ length: CHECKPOINT_VERSION }, (_, i) => `checkpoint-v${i + 1}.json`));
  });

  for (const file of files) {
    // Agents' day figures began with version 4: an older checkpoint holds none of the events behind
    // them, so a server restored from one counts them from the restore on (the next test pins
    // that); every other figure, and the whole state of a version 4 checkpoint, is the replay's.
    const before4 = Number(/v(\d+)/.exec(file)![1]) < 4;
    // Closed days are kept from version 6 on: an older checkpoint holds none, the replay keeps the
    // day its entries closed; the rest of the state is the replay's.
    const before6 = Number(/v(\d+)/.exec(file)![1]) < 6;
    // Wrap-up is measured from version 7 on: an older checkpoint holds no call wrapped up and no
    // wrap-up minute, where the replay has them.
    const before7 = Number(/v(\d+)/.exec(file)![1]) < 7;
    const stateWithoutClosedDays = (state: { core: string; calls: string[] }) => {
      const core = JSON.parse(state.core) as Record<string, unknown>;
      if (before6) Object.assign(core, { closedDays: [], closedDaysDropped: 0 });
      if (before7) Object.assign(core, { wrappedTs: [], wrapUps: [] });
      return { ...state, core: JSON.stringify(core) };
    };
    const comparable = (snapshot: Snapshot) => (before4 ? withoutAgentDays(snapshot) : snapshot);
    it(`${file}: restores to the snapshots and state that replaying its entries gives, and continues alike`, () => {
      const fixture = load(file);
      const fromStream = replayed(fixture);
      const fromCheckpoint = restored(fixture.checkpoint.core, fixture.checkpoint.calls);
      for (const view of views) expect(comparable(fromCheckpoint.snapshot(fixture.now, view))).toEqual(comparable(fromStream.snapshot(fixture.now, view)));
      // The stream again from its start: the restored cursors skip what the checkpoint holds.
      fromCheckpoint.applyBatch([...fixture.entries, ...fixture.later]);
      fromStream.applyBatch([...fixture.entries, ...fixture.later]);
      for (const now of [fixture.now, fixture.now + DAY]) {
        for (const view of views) expect(comparable(fromCheckpoint.snapshot(now, view))).toEqual(comparable(fromStream.snapshot(now, view)));
      }
      if (!before4) expect(stateWithoutClosedDays(stateOf(fromCheckpoint))).toEqual(stateWithoutClosedDays(stateOf(fromStream)));
      if (!before6) expect((JSON.parse(stateOf(fromCheckpoint).core) as { closedDays: unknown[] }).closedDays).toHaveLength(2);
    });
  }

  it('a version 3 checkpoint loads with no agent figures yet, each agent logged in today as the replay says, and counts on from there', () => {
    const v3 = load('checkpoint-v3.json');
    const fromCheckpoint = restored(v3.checkpoint.core, v3.checkpoint.calls);
    const fromStream = replayed(v3);
    const rows = fromCheckpoint.snapshot(v3.now).agentList;
    const replayRows = fromStream.snapshot(v3.now).agentList;
    expect(replayRows.some((a) => a.today!.handled > 0 && a.today!.holds > 0)).toBe(true); // the replay has figures to lose
    expect(rows.map((a) => [a.id, a.today!.handled, a.today!.holds, a.today!.coldTransfers + a.today!.warmTransfers])).toEqual(replayRows.map((a) => [a.id, 0, 0, 0]));
    expect(rows.map((a) => a.today!.active)).toEqual(replayRows.map((a) => a.today!.active));
    // A hold and a transfer after the restore count for their agent.
    const last = v3.entries.at(-1)!;
    const ms = Number(last.id.split('-')[0]) + 1000;
    const at = (n: number) => ({ stream: last.stream, id: `${ms + n}-0`, fields: {} as Record<string, string> });
    const agent = rows[0]!.id;
    fromCheckpoint.applyBatch([
      { ...at(0), fields: { v: '1', type: 'call.held', callId: 'after-upgrade', agentId: agent, ts: String(ms) } },
      { ...at(1), fields: { v: '1', type: 'call.transferred', callId: 'after-upgrade', agentId: agent, mode: 'cold', ts: String(ms + 1) } },
    ]);
    const row = fromCheckpoint.snapshot(ms + 2).agentList.find((a) => a.id === agent)!;
    expect([row.today!.holds, row.today!.coldTransfers]).toEqual([1, 1]);
  });

  it('a version 7 checkpoint keeps the wrap-up booked and an acw still open, which books to the queue of its call when it ends after the restore', () => {
    const v7 = load('checkpoint-v7.json');
    const wrapOf = (a: Aggregator) => JSON.parse(stateOf(a).core) as { wrapUps: [string, [number, number][]][]; wrappedTs: [string, number][] };
    const fromCheckpoint = restored(v7.checkpoint.core, v7.checkpoint.calls);
    const fromStream = replayed(v7);
    // a2's acw after c19: 60 s to tech; a1 went into acw after c10 (billing) and is still in it.
    expect(wrapOf(fromCheckpoint).wrapUps).toEqual([['tech', [[expect.any(Number), 60_000]]]]);
    const sameMorning = v7.later.filter((e) => Number(e.id.split('-')[0]) < v7.now);
    fromCheckpoint.applyBatch(sameMorning);
    fromStream.applyBatch(sameMorning);
    const after = wrapOf(fromCheckpoint);
    expect(new Map(after.wrapUps.map(([queue, minutes]) => [queue, minutes.reduce((sum, [, ms]) => sum + ms, 0)]))).toEqual(
      new Map([
        ['tech', 60_000],
        ['billing', 410_000],
      ]),
    );
    expect(after).toEqual(wrapOf(fromStream));
  });

  it('a version 6 checkpoint loads with no wrap-up yet, its calls awaiting theirs: an acw after the upgrade counts as the replay counts it', () => {
    const v6 = load('checkpoint-v6.json');
    const fromCheckpoint = restored(v6.checkpoint.core, v6.checkpoint.calls);
    const fromStream = replayed(v6);
    const wrapOf = (a: Aggregator) => JSON.parse(stateOf(a).core) as { wrappedTs: [string, number][]; wrapUps: [string, [number, number][]][] };
    expect(wrapOf(fromCheckpoint)).toMatchObject({ wrappedTs: [], wrapUps: [] });
    const last = v6.entries.at(-1)!;
    const ms = Number(last.id.split('-')[0]) + 1000;
    const entry = (n: number, fields: Record<string, string>): RawEntry => ({
      stream: last.stream,
      id: `${ms + n * 1000}-0`,
      fields: { v: '1', ts: String(ms + n * 1000), ...fields },
    });
    const after = [
      // a1 answered c10 (billing) before the checkpoint and did no wrap-up since: this is its wrap-up.
      entry(0, { type: 'agent.state', agentId: 'a1', state: 'acw' }),
      entry(30, { type: 'agent.state', agentId: 'a1', state: 'available' }),
      entry(40, { type: 'call.queued', callId: 'after-upgrade', queue: 'tech' }),
      entry(45, { type: 'call.answered', callId: 'after-upgrade', queue: 'tech', agentId: 'a1' }),
      entry(100, { type: 'call.ended', callId: 'after-upgrade' }),
      entry(101, { type: 'agent.state', agentId: 'a1', state: 'acw' }),
      entry(126, { type: 'agent.state', agentId: 'a1', state: 'available' }),
    ];
    fromCheckpoint.applyBatch(after);
    fromStream.applyBatch(after);
    const sums = (a: Aggregator) => new Map(wrapOf(a).wrapUps.map(([queue, minutes]) => [queue, minutes.reduce((sum, [, wrapMs]) => sum + wrapMs, 0)]));
    expect(sums(fromCheckpoint)).toEqual(
      new Map([
        ['billing', 30_000],
        ['tech', 25_000],
      ]),
    );
    // The replay also holds the 60 s a2 wrapped up for tech before the checkpoint, which version 6 did not measure.
    expect(sums(fromStream)).toEqual(
      new Map([
        ['billing', 30_000],
        ['tech', 85_000],
      ]),
    );
  });

  it('writes the current version, and a restored state writes the bytes it was read from', () => {
    const { core, calls } = stateOf(replayed(v1));
    expect(JSON.parse(core)).toMatchObject({ version: CHECKPOINT_VERSION });
    const state = restoreState(core, calls);
    expect(serializeCore(state)).toBe(core);
    expect([...state.calls.values()].map(serializeCall)).toEqual(calls);
  });

  it('fills a counter a version 1 checkpoint lacks with 0, so counting goes on from there', () => {
    const core = v1CoreWith((c) => {
      delete c['ingest'].applied;
      delete c['today'].counters.holdChecksDue;
      delete c['today'].queues[0][1].standard.waitCount;
      delete c['rolling'][0][1][0][1].offered;
    });
    const state = restoreState(core, v1.checkpoint.calls);
    expect(state.ingest.applied).toBe(0);
    expect(state.today!.counters.holdChecksDue).toBe(0);
    expect(state.today!.queues.get('billing')!.standard.waitCount).toBe(0);
    expect([...state.rolling.values()][0]!.values().next().value!.offered).toBe(0);

    const aggregator = restored(core);
    const dayEnd = JSON.parse(v1.checkpoint.core).today.endTs as number;
    const sameDay = v1.later.filter((e) => Number(e.id.split('-')[0]) < dayEnd);
    aggregator.applyBatch(sameDay);
    const reference = replayed(v1);
    reference.applyBatch(sameDay);
    const [mine, theirs] = [aggregator.snapshot(v1.now), reference.snapshot(v1.now)];
    expect(mine.ingest.applied).toBe(sameDay.length);
    // The hold checks due before the checkpoint are lost with their counter, not turned into NaN.
    const dueBefore = JSON.parse(v1.checkpoint.core).today.counters.holdChecksDue as number;
    expect(mine.totals.holdChecksDue).toBe(theirs.totals.holdChecksDue - dueBefore);
    expect(JSON.stringify(mine)).not.toMatch(/NaN/);
  });

  it('restores a version 2 checkpoint to the numbers the version 2 server served, with no exits', () => {
    // What that server sent, captured once by its own code (see the file's "about").
    const served = JSON.parse(readFileSync(new URL('checkpoint-v2-served.json', FIXTURES), 'utf8')) as { snapshots: unknown[] };
    const v2 = load('checkpoint-v2.json');
    const aggregator = restored(v2.checkpoint.core, v2.checkpoint.calls);
    const exits: unknown[] = [];
    views.forEach((view, i) => {
      const snapshot = aggregator.snapshot(v2.now, view);
      expect(snapshot).toMatchObject(served.snapshots[i]!);
      JSON.stringify(snapshot, (key, value: unknown) => {
        if (key === 'exited') exits.push(value);
        return value;
      });
    });
    expect(exits.length).toBeGreaterThan(views.length * 2);
    expect(new Set(exits)).toEqual(new Set([0]));
  });

  it('is told apart from a version 1 checkpoint only by its version field', () => {
    const { core, calls } = stateOf(replayed(v1));
    const withoutVersion = JSON.stringify({ ...JSON.parse(core), version: undefined });
    expect(serializeCore(restoreState(withoutVersion, calls))).toBe(core);
  });
});

describe('a checkpoint that cannot be read', () => {
  it.each([
    ['a core that is not JSON', () => restoreState('{"cursors": [', []), /checkpoint core: not JSON/],
    ['a core that is not an object', () => restoreState('[1, 2]', []), /checkpoint core: not a JSON object/],
    [
      'a future version',
      () =>
        restoreState(
          v1CoreWith((c) => (c['version'] = CHECKPOINT_VERSION + 1)),
          [],
        ),
      new RegExp(`version ${CHECKPOINT_VERSION + 1} is newer than this server reads \\(${CHECKPOINT_VERSION}\\)`),
    ],
    [
      'a version that is not a number',
      () =>
        restoreState(
          v1CoreWith((c) => (c['version'] = '2')),
          [],
        ),
      /field "version": expected a whole number/,
    ],
    [
      'a counter of the wrong type',
      () =>
        restoreState(
          v1CoreWith((c) => (c['today'].counters.arrived = 'many')),
          [],
        ),
      /field "today\.counters\.arrived": .*expected number/,
    ],
    [
      'a missing part of the core',
      () =>
        restoreState(
          v1CoreWith((c) => delete c['agents']),
          [],
        ),
      /field "agents"/,
    ],
    [
      'an agent in an unknown state',
      () =>
        restoreState(
          v1CoreWith((c) => (c['agents'][0].state = 'dancing')),
          [],
        ),
      /field "agents\.0\.state"/,
    ],
    ['a call record that is not JSON', () => restoreState(v1.checkpoint.core, ['{"id": "c1"']), /checkpoint call record 0: not JSON/],
    [
      'a call record with a field of the wrong type',
      () => restoreState(v1.checkpoint.core, [v1.checkpoint.calls[0]!, v1.checkpoint.calls[1]!.replace('"queue":"tech"', '"queue":5')]),
      /checkpoint call record 1 \(call "c2"\): field "visits\.0\.queue": .*expected string, received number/,
    ],
    [
      'a call record that lacks a field',
      () => restoreState(v1.checkpoint.core, [v1.checkpoint.calls[0]!.replace('"surveyCounted":true,', '')]),
      /call "c1"\): field "surveyCounted": .*expected boolean, received undefined/,
    ],
  ])('rejects %s with a CheckpointFormatError naming the field', (_, run, reason) => {
    expect(formatError(run).message).toMatch(reason);
  });

  const corrupt = { core: v1CoreWith((c) => (c['today'].counters.arrived = null)), calls: v1.checkpoint.calls };

  it('is discarded by adopt(): the aggregator starts from the initial state and the next checkpoint replaces it', () => {
    const aggregator = new Aggregator(config);
    expect(aggregator.adopt(corrupt)).toBe('discarded');
    expect(aggregator.discardedCheckpoint).toBeInstanceOf(CheckpointFormatError);
    expect(aggregator.discardedCheckpoint!.message).toMatch(/today\.counters\.arrived/);
    expect(aggregator.cursor('wallboard:events')).toBeNull();
    expect(aggregator.checkpointParts().full).toBe(true);
    // Rebuilt from the stream, it is the state the checkpoint would have been.
    aggregator.applyBatch([...v1.entries, ...v1.duplicates]);
    expect(aggregator.snapshot(v1.now)).toEqual(replayed(v1).snapshot(v1.now));
  });

  it('is discarded by adopt() in favour of the state in memory, also when only a call record is bad', () => {
    const badCall = { core: v1.checkpoint.core, calls: [...v1.checkpoint.calls, '{"id": "c99"}'] };
    for (const stored of [corrupt, badCall]) {
      const aggregator = new Aggregator(config);
      aggregator.applyBatch(v1.entries.slice(0, 10));
      aggregator.checkpointParts(); // stored: the next one would write only the changes
      const cursor = aggregator.cursor('wallboard:events');
      expect(aggregator.adopt(stored)).toBe('discarded');
      expect(aggregator.cursor('wallboard:events')).toBe(cursor);
      expect(aggregator.checkpointParts().full).toBe(true);
    }
  });

  it('is not reported once a later adopt() reads a good one', () => {
    const aggregator = new Aggregator(config);
    aggregator.adopt(corrupt);
    expect(aggregator.adopt(v1.checkpoint)).toBe('stored');
    expect(aggregator.discardedCheckpoint).toBeNull();
  });
});

describe('adopt() of a readable checkpoint', () => {
  it('rewrites every call at the next checkpoint after reading an older version, and only the changed ones otherwise', () => {
    const older = new Aggregator(config);
    expect(older.adopt(v1.checkpoint)).toBe('stored');
    expect(older.checkpointParts().full).toBe(true);
    const current = new Aggregator(config);
    expect(current.adopt(stateOf(replayed(v1)))).toBe('stored');
    expect(current.checkpointParts().full).toBe(false);
  });

  it('keeps the state in memory when it is as far along, without reading the calls', () => {
    const aggregator = replayed(v1);
    const calls = {
      [Symbol.iterator]: () => {
        throw new Error('the calls were read');
      },
    };
    expect(aggregator.adopt({ core: v1.checkpoint.core, calls })).toBe('memory');
  });
});
