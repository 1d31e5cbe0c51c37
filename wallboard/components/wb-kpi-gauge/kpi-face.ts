// Whether a new reading of a KPI changes what its gauge or tile shows. The server recomputes the
// KPIs on nearly every delta, and a rate over hundreds of calls moves in digits the screen does
// not show: such a reading is not worth a new arc, new paths and a new layout.
import type { Kpi } from '../../../server/contract/snapshot.js';
import type { I18n } from '../../i18n/i18n.js';
import { kpiTargetText, kpiValueText } from '../kpi-format.js';

/** How far the value may move, as a share of its scale, before the arc or the bar moves visibly: a tenth of a pixel on a 4K dial. */
const UNSEEN = 1e-4;

/** True when `next` would look exactly as `shown` does: same words, status, target and zones, and a value that moved less than the eye can see. */
export function sameKpiFace(shown: Kpi | null, next: Kpi | null, i18n: I18n): boolean {
  if (shown === next) return true;
  if (!shown || !next) return false;
  if (shown.id !== next.id || shown.status !== next.status || shown.unit !== next.unit || shown.target !== next.target || shown.riskFloor !== next.riskFloor)
    return false;
  if (shown.value === null || next.value === null) return shown.value === next.value;
  const scale = shown.unit === 'points' ? 100 : 1;
  return (
    Math.abs(shown.value - next.value) < UNSEEN * scale &&
    kpiValueText(shown, i18n) === kpiValueText(next, i18n) &&
    kpiTargetText(shown, i18n) === kpiTargetText(next, i18n)
  );
}
