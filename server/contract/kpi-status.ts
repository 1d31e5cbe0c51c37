// The one rule that turns a KPI's value into its status, used by the server for the snapshot
// and by the screens for the history of a KPI through the day.
import type { KpiStatus } from './snapshot.js';

/** met: at or above target; atRisk: down to `riskFloor`; missed: below it; noData: no value. */
export function statusAgainst(value: number | null, target: number, riskFloor: number): KpiStatus {
  if (value === null) return 'noData';
  if (value >= target) return 'met';
  return value >= riskFloor ? 'atRisk' : 'missed';
}

/** The status of a value against a target and the margin below it that is still "at risk". */
export function kpiStatus(value: number | null, target: number, riskMargin: number): KpiStatus {
  return statusAgainst(value, target, target - riskMargin);
}
