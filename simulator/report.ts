// Text the CLI prints: the progress line and the end-of-run summary, including the
// simulated-versus-formula table of the mmn and erlang-a scenarios. Pure formatting.
import type { QueueingCheckResult, SimulationProgress, SimulationSummary } from './run-simulation.js';

const count = new Intl.NumberFormat('en-US');

export function progressLine(p: SimulationProgress): string {
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: p.timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(p.modelTs);
  return [
    p.phase.padEnd(8),
    `${count.format(p.entries)} sent`,
    `${p.ratePerSec.toFixed(p.ratePerSec < 10 ? 1 : 0)}/s`,
    `sim ${clock}`,
    `backlog ${(p.backlogMs / 1000).toFixed(1)} s`,
    `waiting ${p.waiting}`,
    `on duty ${p.agentsOnDuty}`,
  ].join('  ');
}

export function summaryText(summary: SimulationSummary): string {
  const lines = [
    `${summary.scenario} (seed ${summary.seed}): ${count.format(summary.entries)} entries in ${(summary.wallMs / 1000).toFixed(1)} s, ` +
      `simulated ${new Date(summary.modelStartTs).toISOString()} → ${new Date(summary.modelEndTs).toISOString()}`,
    '  ' +
      Object.entries(summary.eventsByType)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, n]) => `${type} ${count.format(n)}`)
        .join(', '),
  ];
  if (summary.defects) {
    lines.push(
      '  feed defects: ' +
        Object.entries(summary.defects)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', '),
    );
  }
  if (summary.check) lines.push(...checkTable(summary.check));
  return lines.join('\n');
}

export function checkTable(check: QueueingCheckResult): string[] {
  const { expected, measured } = check;
  const se = measured.standardError;
  const row = (label: string, simulated: number, formula: number, error: number | undefined) =>
    `  ${label.padEnd(20)}${simulated.toFixed(4).padStart(10)}${formula.toFixed(4).padStart(10)}${(error === undefined ? '' : error.toFixed(4)).padStart(10)}`;
  const rows = [
    `${check.formula === 'erlang-c' ? 'Erlang C (M/M/N)' : 'Erlang A (M/M/N+M)'} check, offered load ${expected.offeredLoad.toFixed(2)} E, ${count.format(measured.calls)} calls after warm-up:`,
    `  ${''.padEnd(20)}${'simulated'.padStart(10)}${'formula'.padStart(10)}${'±1 SE'.padStart(10)}`,
    row('P(wait > 0)', measured.waitProbability, expected.waitProbability, se?.waitProbability),
    row('service level 20 s', measured.serviceLevel, expected.serviceLevel, se?.serviceLevel),
    row('abandoned', measured.abandonRate, expected.abandonRate, se?.abandonRate),
  ];
  if (expected.asaMs !== null && measured.asaMs !== null) {
    rows.push(`  ${'ASA (s)'.padEnd(20)}${(measured.asaMs / 1000).toFixed(1).padStart(10)}${(expected.asaMs / 1000).toFixed(1).padStart(10)}`);
  }
  return rows;
}
