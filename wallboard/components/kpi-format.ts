// How a KPI's value and target read, shared by the gauge and the tile.
import type { Kpi, KpiStatus } from '../../server/contract/snapshot.js';
import type { I18n, MessageKey } from '../i18n/i18n.js';

export function kpiValueText(kpi: Pick<Kpi, 'value' | 'unit'>, i18n: I18n): string {
  return kpi.unit === 'points' ? i18n.points(kpi.value) : i18n.percent(kpi.value);
}

export function kpiTargetText(kpi: Pick<Kpi, 'target' | 'unit'>, i18n: I18n): string {
  const value = kpi.unit === 'points' ? i18n.points(kpi.target).replace(/[.,]0$/, '') : i18n.percent(kpi.target, 0);
  const top = kpi.unit === 'points' ? 100 : 1;
  return i18n.t(kpi.target >= top ? 'kpi.targetAll' : 'kpi.target', { value });
}

export const STATUS_KEY: Readonly<Record<KpiStatus, MessageKey>> = {
  met: 'status.met',
  atRisk: 'status.atRisk',
  missed: 'status.missed',
  noData: 'status.noData',
};
