import { describe, expect, it } from 'vitest';
import { cursorIn, numberIn, reconnectDelay } from '../../simulator/load/bare-screen.js';
import { addMoves, createAppendIndex, createLatencyHistogram, parseCursor } from '../../simulator/load/event-latency.js';

describe('every event’s latency from cursor moves', () => {
  it('counts the entries of each ms that lie in (from, to]', () => {
    const index = createAppendIndex();
    for (const id of ['100-0', '100-1', '100-2', '101-0', '103-0', '103-1']) index.add(id);
    const seen: [number, number][] = [];
    index.between(parseCursor('100-0')!, parseCursor('103-0')!, (ms, n) => seen.push([ms, n]));
    expect(seen).toEqual([
      [100, 2],
      [101, 1],
      [103, 1],
    ]);
    const none: [number, number][] = [];
    index.between(parseCursor('103-1')!, parseCursor('103-1')!, (ms, n) => none.push([ms, n]));
    expect(none).toEqual([]);
    expect(index.size).toBe(6);
  });

  it('weighs each entry once per screen, at the time that screen first saw it', () => {
    const index = createAppendIndex();
    // 10 entries at 1000 ms, 10 at 1100 ms.
    for (let i = 0; i < 10; i++) index.add(`1000-${i}`);
    for (let i = 0; i < 10; i++) index.add(`1100-${i}`);
    const histogram = createLatencyHistogram();
    // Two screens see the first ten at 1150 and 1250; one of them sees the rest at 1200.
    addMoves(histogram, index, [
      { from: '0-0', to: '1000-9', receivedAt: [1150, 1250] },
      { from: '1000-9', to: '1100-9', receivedAt: [1200] },
    ]);
    expect(histogram.count).toBe(30);
    expect(histogram.percentile(50)).toBe(150);
    expect(histogram.percentile(100)).toBe(250);
    expect(histogram.percentile(1)).toBe(100);
    expect(histogram.over(150)).toBe(10);
  });

  it('keeps an empty histogram empty and parses only IDs', () => {
    expect(createLatencyHistogram().percentile(99)).toBeNull();
    expect(parseCursor('12-x')).toBeNull();
    expect(parseCursor('12')).toEqual({ ms: 12, seq: 0 });
  });
});

describe('a bare screen’s reading of a frame', () => {
  const delta = Buffer.from(
    '42["delta",{"seq":1234,"serverTs":1700000000123,"set":{"ingest":{"applied":9,"cursors":{"wallboard:events":"1700000000100-7"}}},"lists":{}}]',
  );

  it('finds the seq, the push time and the cursor without decoding the frame', () => {
    expect(numberIn(delta, 'seq')).toBe(1234);
    expect(numberIn(delta, 'serverTs')).toBe(1700000000123);
    expect(cursorIn(delta)).toBe('1700000000100-7');
  });

  it('says when a frame carries no cursor', () => {
    const bare = Buffer.from('42["delta",{"seq":5,"serverTs":1,"set":{"totals":{}},"lists":{}}]');
    expect(cursorIn(bare)).toBeNull();
    expect(numberIn(Buffer.from('42["x",{}]'), 'seq')).toBe(-1);
  });

  it('reconnects as socket.io-client does: 1 s doubling to 5 s, ±50 %', () => {
    expect(reconnectDelay(1, () => 0)).toBe(500);
    expect(reconnectDelay(1, () => 1)).toBe(1500);
    expect(reconnectDelay(3, () => 0.5)).toBe(4000);
    expect(reconnectDelay(9, () => 0.5)).toBe(5000);
  });
});
