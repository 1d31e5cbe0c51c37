// The agents' proportional bar.
import { describe, expect, it } from 'vitest';
import { agentBarGeometry } from './agent-bar-geometry.js';

describe('agent bar geometry', () => {
  it('splits the bar by state in a fixed order and leaves offline agents out', () => {
    const segments = agentBarGeometry({ available: 2, ringing: 0, talking: 6, hold: 1, acw: 1, paused: 0, offline: 50 }, 100);
    expect(segments.map((s) => [s.state, s.width])).toEqual([
      ['available', 20],
      ['talking', 60],
      ['hold', 10],
      ['acw', 10],
    ]);
    expect(agentBarGeometry({ available: 0, ringing: 0, talking: 0, hold: 0, acw: 0, paused: 0, offline: 3 }, 100)).toEqual([]);
  });
});
