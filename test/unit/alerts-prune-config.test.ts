// The bound past which an idle consumer of the alerts group is deleted: 10 × the takeover time
// unless the file says otherwise, so a setting of the takeover time alone keeps the two apart.
import { describe, expect, it } from 'vitest';
import { alertsConfig, alertsFileSchema, DEFAULT_ALERTS_CONFIG } from '../../server/alerts/alert-config.js';

describe('alerts.consumerPruneAfterMs', () => {
  it('is 10 × visibilityTimeoutMs by default, and as written when written', () => {
    expect(DEFAULT_ALERTS_CONFIG.consumerPruneAfterMs).toBe(10 * DEFAULT_ALERTS_CONFIG.visibilityTimeoutMs);
    expect(alertsConfig({}).consumerPruneAfterMs).toBe(600_000);
    expect(alertsConfig({ visibilityTimeoutMs: 5000 }).consumerPruneAfterMs).toBe(50_000);
    expect(alertsConfig({ visibilityTimeoutMs: 5000, consumerPruneAfterMs: 7000 }).consumerPruneAfterMs).toBe(7000);
  });

  it('is a whole number of ms, at least a second', () => {
    expect(alertsFileSchema.safeParse({ consumerPruneAfterMs: 999 }).success).toBe(false);
    expect(alertsFileSchema.safeParse({ consumerPruneAfterMs: 1500.5 }).success).toBe(false);
  });
});
