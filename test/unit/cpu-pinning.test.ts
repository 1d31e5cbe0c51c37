// The load bench's split of the cores: the server alone on the first, the harness on the rest.
import { describe, expect, it } from 'vitest';
import { pinningPlan } from '../../simulator/load/cpu-pinning.js';

describe('pinningPlan', () => {
  it('gives the server the first core and the harness every other one', () => {
    expect(pinningPlan(2)).toEqual({ server: '0', harness: '1' });
    expect(pinningPlan(8)).toEqual({ server: '0', harness: '1-7' });
  });

  it('refuses a machine of one core, where there is nothing to split', () => {
    expect(() => pinningPlan(1)).toThrow('at least 2 cores');
  });
});
