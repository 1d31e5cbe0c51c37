// The hotline KPIs of service-standards.md against their configured targets.
import type { CoreConfig } from './core-config.js';
import { kpiStatus } from '../contract/kpi-status.js';
import type { Kpi, KpiId, Totals } from '../contract/snapshot.js';

interface KpiSource {
  id: KpiId;
  value: number | null;
  sample: number;
  unit: Kpi['unit'];
}

/** The level below which a KPI is missed rather than at risk (the snapshot's Kpi.riskFloor, the history's targets). */
export function riskFloorOf(target: { target: number; riskMargin: number }): number {
  return target.target - target.riskMargin;
}

/** The six hotline KPIs plus the hold-check on-time rate, in the order a board shows them. */
export function computeKpis(totals: Totals, handledStandard: number, handledVip: number, config: CoreConfig): Kpi[] {
  const sources: KpiSource[] = [
    { id: 'systemConnect', value: totals.systemConnectRate, sample: totals.arrived, unit: 'fraction' },
    { id: 'agentConnect', value: totals.agentConnectRate, sample: handledStandard, unit: 'fraction' },
    { id: 'vipConnect', value: totals.vipConnectRate, sample: handledVip, unit: 'fraction' },
    { id: 'satisfaction', value: totals.satisfaction, sample: totals.surveys, unit: 'points' },
    {
      id: 'complaintReply',
      value: totals.complaintReplyRate,
      sample: totals.complaintsRepliedToday + totals.complaintsOverdue,
      unit: 'fraction',
    },
    { id: 'firstContactResolution', value: totals.firstContactResolution, sample: totals.endedWithResolution, unit: 'fraction' },
    { id: 'holdCheckOnTime', value: totals.holdCheckOnTimeRate, sample: totals.holdChecksDue, unit: 'fraction' },
  ];
  return sources.map((s) => {
    const { target, riskMargin } = config.targets[s.id];
    return { ...s, target, riskFloor: riskFloorOf(config.targets[s.id]), status: kpiStatus(s.value, target, riskMargin) };
  });
}
