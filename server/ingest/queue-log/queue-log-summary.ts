// The one line an operator reads when the adapter stops (and on SIGINT): what it read, what it
// appended, and what it could not use, by reason.
import type { SourceReporter } from '../source-status.js';
import type { LineCounts } from './line-processor.js';

const n = (value: number) => value.toLocaleString('en-US');

export function queueLogSummary(reporter: SourceReporter, counts: LineCounts | undefined, file: string): string {
  const status = reporter.current;
  const skipped = Object.entries(status.skipped).sort(([, a], [, b]) => b - a);
  const parts = [
    `${n(counts?.lines ?? 0)} lines read`,
    `${n(status.events)} events appended`,
    `${n(counts?.ignored ?? 0)} ignored`,
    ...(counts?.beforeToday ? [`${n(counts.beforeToday)} before today`] : []),
    `${n(reporter.skippedTotal)} skipped${skipped.length > 0 ? ` (${skipped.map(([reason, count]) => `${reason}: ${n(count)}`).join(', ')})` : ''}`,
  ];
  return `${reporter.adapter} ${reporter.source} ${file}: ${parts.join(', ')}`;
}
