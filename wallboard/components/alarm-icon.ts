// The alarm's shape, so a queue in alarm is told by shape and word as well as colour: a bell for a
// warning, a bell in a burst for critical.
import { svg, type SVGTemplateResult } from 'lit';
import type { AlarmSeverity } from '../../server/contract/vocabulary.js';

export function alarmIcon(severity: AlarmSeverity): SVGTemplateResult {
  const bell = svg`<path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6z" class="fill"/><path d="M10 19a2 2 0 0 0 4 0" class="fill"/>`;
  return severity === 'critical' ? svg`<path d="M12 0l3 3h-6zM0 12l3-3v6zM24 12l-3 3V9z" class="fill"/>${bell}` : bell;
}
