// The times in state past which the tablet marks an agent (config file `timeInState`): VICIdial's
// 1 and 5 minutes by default, each state overridable, refused when not ascending or past two.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { timeLevel } from '../../server/contract/time-in-state.js';

function loadWith(file: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'wb-config-time-'));
  writeFileSync(join(dir, 'wallboard.config.json'), JSON.stringify(file));
  return () => loadConfig({ env: {}, cwd: dir, stdoutIsTTY: false });
}

describe('timeInState', () => {
  it('defaults to 1 and 5 minutes for ready, talking, wrap-up and paused; ringing 15 and 30 s; hold 30 s and 2 min; offline unmarked', () => {
    expect(loadWith({})().core.timeInState).toEqual({
      available: [60_000, 300_000],
      ringing: [15_000, 30_000],
      talking: [60_000, 300_000],
      hold: [30_000, 120_000],
      acw: [60_000, 300_000],
      paused: [60_000, 300_000],
      offline: [],
    });
  });

  it('takes a state from the file over its default, the others kept', () => {
    const core = loadWith({ timeInState: { paused: [600_000, 900_000], ringing: [] } })().core;
    expect(core.timeInState.paused).toEqual([600_000, 900_000]);
    expect(core.timeInState.ringing).toEqual([]);
    expect(core.timeInState.talking).toEqual([60_000, 300_000]);
  });

  it('refuses thresholds out of order, more than two, or an unknown state', () => {
    expect(loadWith({ timeInState: { paused: [300_000, 60_000] } })).toThrow('field "timeInState.paused"');
    expect(loadWith({ timeInState: { paused: [1, 2, 3] } })).toThrow('at most two');
    expect(loadWith({ timeInState: { lunch: [1] } })).toThrow('lunch');
  });

  it('gives a pause reason its own times, matched in any case, and refuses them out of order', () => {
    const t = loadWith({ timeInState: { pauseReasons: { Lunch: [1_800_000, 3_600_000], 培训: [3_600_000] } } })().core.timeInState;
    expect(t.pauseReasons).toEqual({ Lunch: [1_800_000, 3_600_000], 培训: [3_600_000] });
    expect(timeLevel(t, 'paused', 20 * 60_000, ' lunch ')).toBe('normal');
    expect(timeLevel(t, 'paused', 40 * 60_000, 'LUNCH')).toBe('long');
    expect(timeLevel(t, 'paused', 61 * 60_000, 'Lunch')).toBe('veryLong');
    expect(timeLevel(t, 'paused', 20 * 60_000, '培训')).toBe('normal');
    // Another reason, or none, is paused's; a reason's times are for pauses only.
    expect(timeLevel(t, 'paused', 20 * 60_000, 'toilet')).toBe('veryLong');
    expect(timeLevel(t, 'paused', 20 * 60_000)).toBe('veryLong');
    expect(timeLevel(t, 'talking', 20 * 60_000, 'Lunch')).toBe('veryLong');
    expect(loadWith({ timeInState: { pauseReasons: { lunch: [3_600_000, 1_800_000] } } })).toThrow('timeInState.pauseReasons.lunch');
  });

  it('marks past the first threshold long, past the second very long', () => {
    const t = loadWith({})().core.timeInState;
    expect([59_000, 61_000, 299_000, 301_000].map((ms) => timeLevel(t, 'paused', ms))).toEqual(['normal', 'long', 'long', 'veryLong']);
    expect(timeLevel(t, 'offline', 10 * 3600_000)).toBe('normal');
  });
});
