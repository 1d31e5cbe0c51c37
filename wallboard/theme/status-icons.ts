// Status is told by shape as well as colour (colour-blind safe): met is a circle with a tick,
// at risk a triangle with "!", missed an octagon with a cross, no data a hollow dashed circle.
import { svg, type SVGTemplateResult } from 'lit';

export type Status = 'met' | 'atRisk' | 'missed' | 'noData';

export function statusIcon(status: Status): SVGTemplateResult {
  switch (status) {
    case 'met':
      return svg`<circle cx="12" cy="12" r="10" class="fill"/><path d="M7 12.5l3.2 3.2L17 9" class="mark"/>`;
    case 'atRisk':
      return svg`<path d="M12 2.5L22.5 21h-21z" class="fill"/><path d="M12 9v5.5M12 17.6v.4" class="mark"/>`;
    case 'missed':
      return svg`<path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" class="fill"/><path d="M8.5 8.5l7 7M15.5 8.5l-7 7" class="mark"/>`;
    case 'noData':
      return svg`<circle cx="12" cy="12" r="9.5" class="hollow"/><path d="M8 12h8" class="mark dim"/>`;
    default: {
      const never: never = status;
      return never;
    }
  }
}
