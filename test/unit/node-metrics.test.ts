import { describe, expect, it } from 'vitest';
import { nodeStep, parseNodeMetrics } from '../../simulator/load/node-metrics.js';

// prom-client's exposition as the server writes it, trimmed to the lines around the ones read.
const exposition = (sum: number, count: number, lagP99: number) => `# HELP nodejs_eventloop_lag_p90_seconds The 90th percentile of the recorded event loop delays.
# TYPE nodejs_eventloop_lag_p90_seconds gauge
nodejs_eventloop_lag_p90_seconds 0.011
# HELP nodejs_eventloop_lag_p99_seconds The 99th percentile of the recorded event loop delays.
# TYPE nodejs_eventloop_lag_p99_seconds gauge
nodejs_eventloop_lag_p99_seconds ${lagP99}
# TYPE wallboard_push_duration_seconds histogram
wallboard_push_duration_seconds_bucket{le="0.05"} 10
wallboard_push_duration_seconds_bucket{le="+Inf"} ${count}
wallboard_push_duration_seconds_sum ${sum}
wallboard_push_duration_seconds_count ${count}
# TYPE wallboard_push_deltas histogram
wallboard_push_deltas_sum 99
wallboard_push_deltas_count 7
`;

describe('node metrics over a step', () => {
  it('reads the push sum and count and the loop delay p99, not their neighbours', () => {
    expect(parseNodeMetrics(exposition(1.5, 40, 0.0625))).toEqual({ pushSecondsSum: 1.5, pushCount: 40, loopLagP99Seconds: 0.0625 });
  });

  it('gives the mean push between two scrapes and the later scrape’s loop delay', () => {
    const step = nodeStep(parseNodeMetrics(exposition(1.5, 40, 0.2)), parseNodeMetrics(exposition(7.5, 140, 0.0625)), 20);
    expect(step).toEqual({ pushMs: 60, pushesPerSec: 5, loopLagP99Ms: 62.5 });
  });

  it('has no mean push when none happened', () => {
    const same = parseNodeMetrics(exposition(1.5, 40, 0.001));
    expect(nodeStep(same, same, 20).pushMs).toBeNull();
  });

  it('says NaN for a figure the exposition lacks rather than a made-up zero', () => {
    expect(parseNodeMetrics('nodejs_eventloop_lag_p99_seconds 0.01\n').pushCount).toBeNaN();
  });
});
