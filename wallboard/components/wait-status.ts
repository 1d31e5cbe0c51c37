// How long is too long to wait: past the service-level threshold a wait is at risk; past
// three times it, missed. Shown by shape and colour like the KPIs.
import type { Status } from '../theme/status-icons.js';

export function waitStatus(waitMs: number | null, thresholdMs: number): Status | 'none' {
  if (waitMs === null || waitMs < thresholdMs) return 'none';
  return waitMs < 3 * thresholdMs ? 'atRisk' : 'missed';
}
