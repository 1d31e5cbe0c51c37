import { describe, expect, it } from 'vitest';
import { nextWallTime, ScreenWatchdog, type WatchdogOptions } from './screen-watchdog.js';

// 2026-12-01 01:00:00 UTC is 09:00 in Shanghai.
const T0 = Date.UTC(2026, 11, 1, 1, 0, 0);

function rig(overrides: Partial<WatchdogOptions> = {}) {
  let local = T0;
  let delivered: number | null = null;
  let up = true;
  let active = true;
  const reloads: string[] = [];
  let probes = 0;
  const watchdog = new ScreenWatchdog({
    lastDelivery: () => delivered,
    active: () => active,
    stallMs: 90_000,
    serverNow: () => local,
    localNow: () => local,
    probe: () => {
      probes += 1;
      return Promise.resolve(up);
    },
    reload: (why) => reloads.push(why),
    random: () => 0.5,
    ...overrides,
  });
  return {
    watchdog,
    reloads,
    get probes() {
      return probes;
    },
    advance: (ms: number) => (local += ms),
    deliver: () => (delivered = local),
    setUp: (value: boolean) => (up = value),
    end: () => (active = false),
  };
}

describe('screen watchdog', () => {
  it('reloads a page that heard nothing for the set time, and not before', async () => {
    const r = rig();
    r.deliver();
    r.advance(89_000);
    await r.watchdog.check();
    expect(r.reloads).toEqual([]);
    r.advance(1_000);
    await r.watchdog.check();
    expect(r.reloads).toEqual(['stalled']);
  });

  it('stays quiet while data keeps coming', async () => {
    const r = rig();
    for (let i = 0; i < 100; i++) {
      r.deliver();
      r.advance(15_000);
      await r.watchdog.check();
    }
    expect(r.reloads).toEqual([]);
    expect(r.probes).toBe(0);
  });

  it('counts silence from its start when nothing ever arrived', async () => {
    const r = rig();
    r.advance(90_000);
    await r.watchdog.check();
    expect(r.reloads).toEqual(['stalled']);
  });

  it('does not reload while the server does not answer, and asks again only after a while', async () => {
    const r = rig();
    r.advance(120_000);
    r.setUp(false);
    await r.watchdog.check();
    r.advance(5_000);
    await r.watchdog.check();
    expect(r.reloads).toEqual([]);
    expect(r.probes).toBe(1);
    r.setUp(true);
    r.advance(25_000);
    await r.watchdog.check();
    expect(r.reloads).toEqual(['stalled']);
    expect(r.probes).toBe(2);
  });

  it('waits twice as long after each reload for silence in a row, up to 16 times', () => {
    expect(rig({ previousStalls: 0 }).watchdog.stallLimitMs).toBe(90_000);
    expect(rig({ previousStalls: 1 }).watchdog.stallLimitMs).toBe(180_000);
    expect(rig({ previousStalls: 3 }).watchdog.stallLimitMs).toBe(720_000);
    expect(rig({ previousStalls: 9 }).watchdog.stallLimitMs).toBe(1_440_000);
  });

  it('is off with a stall time of 0, and once the screen stopped for good', async () => {
    const off = rig({ stallMs: 0 });
    off.advance(86_400_000);
    await off.watchdog.check();
    expect(off.reloads).toEqual([]);
    const ended = rig();
    ended.end();
    ended.advance(200_000);
    await ended.watchdog.check();
    expect(ended.reloads).toEqual([]);
  });

  it('reloads nightly at the set time of the board’s time zone, within its spread', async () => {
    // 03:30 Shanghai is 19:30 UTC; the spread of 10 minutes at random 0.5 puts this screen at 03:35.
    const r = rig({ stallMs: 0, nightly: { at: '03:30', timeZone: () => 'Asia/Shanghai' } });
    await r.watchdog.check();
    const due = Date.UTC(2026, 11, 1, 19, 35, 0);
    r.advance(due - T0 - 1_000);
    await r.watchdog.check();
    expect(r.reloads).toEqual([]);
    r.advance(1_000);
    await r.watchdog.check();
    expect(r.reloads).toEqual(['nightly']);
  });
});

describe('nextWallTime', () => {
  it('finds the next moment the zone’s clock reads the time', () => {
    expect(nextWallTime(T0, '10:15', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 1, 2, 15));
    expect(nextWallTime(T0, '08:00', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 2, 0, 0));
    expect(nextWallTime(T0, '09:00', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 2, 1, 0));
    expect(nextWallTime(T0 + 500, '09:00', 'UTC')).toBe(Date.UTC(2026, 11, 1, 9, 0));
  });
});
