// One row per offered rate, printed as a fixed-width table.

export interface LoadRow {
  targetPerSec: number;
  offeredPerSec: number;
  appliedPerSec: number;
  /** Entries not yet read by the group at the end of the step, and the most seen during it. */
  lagEnd: number;
  lagMax: number;
  /** Read but not acknowledged at the end of the step. */
  pendingEnd: number;
  /** Seconds until the group caught up after the step (null: not within the drain limit). */
  drainSeconds: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  deltasPerClientPerSec: number;
  dropped: number;
  late: number;
  serverCpuPercent: number | null;
  serverRssMb: number | null;
  benchCpuPercent: number;
}

const COLUMNS: [string, number, (r: LoadRow) => string][] = [
  ['target/s', 9, (r) => String(r.targetPerSec)],
  ['offered/s', 10, (r) => r.offeredPerSec.toFixed(0)],
  ['applied/s', 10, (r) => r.appliedPerSec.toFixed(0)],
  ['lag end', 8, (r) => String(r.lagEnd)],
  ['lag max', 8, (r) => String(r.lagMax)],
  ['pending', 8, (r) => String(r.pendingEnd)],
  ['drain s', 8, (r) => (r.drainSeconds === null ? '>limit' : r.drainSeconds.toFixed(1))],
  ['p50 ms', 7, (r) => ms(r.p50Ms)],
  ['p95 ms', 7, (r) => ms(r.p95Ms)],
  ['p99 ms', 7, (r) => ms(r.p99Ms)],
  ['deltas/cl/s', 12, (r) => r.deltasPerClientPerSec.toFixed(1)],
  ['dropped', 8, (r) => String(r.dropped)],
  ['late', 7, (r) => String(r.late)],
  ['srv CPU%', 9, (r) => (r.serverCpuPercent === null ? '-' : r.serverCpuPercent.toFixed(0))],
  ['srv RSS MB', 11, (r) => (r.serverRssMb === null ? '-' : r.serverRssMb.toFixed(0))],
  ['bench CPU%', 11, (r) => r.benchCpuPercent.toFixed(0)],
];

function ms(value: number | null): string {
  return value === null ? '-' : value.toFixed(0);
}

export function tableHeader(): string {
  return COLUMNS.map(([title, width]) => title.padStart(width)).join('');
}

export function tableRow(row: LoadRow): string {
  return COLUMNS.map(([, width, cell]) => cell(row).padStart(width)).join('');
}

export function table(rows: LoadRow[]): string {
  return [tableHeader(), ...rows.map(tableRow)].join('\n');
}
