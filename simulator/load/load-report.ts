// The load test's tables: one row per screens × rate, and one per incident (a node killed, every
// screen reconnecting), fixed-width so they read in a terminal and paste into the README.

export interface EventRow {
  nodes: number;
  screens: number;
  rate: number;
  offeredPerSec: number;
  /** Whether the stream drained within the limit after the step. */
  drained: boolean;
  /** Every event's latency on every screen, append to first delta showing it. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Event × screen samples behind the percentiles. */
  shown: number;
  /** From a push (the delta's serverTs) to a screen reading it: the fan-out's share of the latency. */
  fanoutP99Ms: number | null;
  deltasPerScreenPerSec: number;
  /** Deltas screens missed (gaps in seq). */
  lost: number;
  /** Per node: CPU over the step, % of one core (null: gone), and resident memory. */
  nodeCpu: (number | null)[];
  nodeRssMb: number[];
  /** Per node, from its /metrics: its mean push over the step (the fan-out as it saw it) and its event-loop delay p99, ms (null: not read). */
  nodePushMs: (number | null)[];
  nodeLagP99Ms: (number | null)[];
  /** The busiest screen worker's CPU and the producer's, % of one core. */
  workerCpu: number;
  producerCpu: number;
  /** The laggiest screen worker's event-loop delay p99, ms: how late the harness may have stamped a screen. */
  workerLagP99Ms: number;
  /** Checking screens whose numbers matched the server's, "n/m". */
  checked: string;
}

export interface IncidentRow {
  what: string;
  screens: number;
  rate: number;
  /** Screens that lost their connection and came back with a snapshot. */
  screensBack: number;
  /** From the incident until the last of them had a snapshot. */
  allBackMs: number | null;
  p50BackMs: number | null;
  /** From the kill until another node held the lease. */
  leaseBackMs: number | null;
  /** Deltas missed by screens that kept their connection. */
  lostOnOthers: number;
  /** Per node, the highest CPU over half a second (null: the node killed). */
  peakCpu: (number | null)[];
  drained: boolean;
  checked: string;
}

type Column<R> = [title: string, width: number, cell: (r: R) => string];

const ms = (value: number | null) => (value === null ? '-' : value.toFixed(0));
const perNode = (values: (number | null)[]) => values.map((v) => (v === null ? '-' : v.toFixed(0))).join('/');

const EVENT_COLUMNS: Column<EventRow>[] = [
  ['nodes', 6, (r) => String(r.nodes)],
  ['screens', 8, (r) => String(r.screens)],
  ['ev/s', 7, (r) => String(r.rate)],
  ['offered/s', 10, (r) => r.offeredPerSec.toFixed(0)],
  ['p50 ms', 7, (r) => ms(r.p50Ms)],
  ['p99 ms', 7, (r) => ms(r.p99Ms)],
  ['push→screen p99', 16, (r) => ms(r.fanoutP99Ms)],
  ['samples', 12, (r) => r.shown.toExponential(2)],
  ['deltas/s', 9, (r) => r.deltasPerScreenPerSec.toFixed(2)],
  ['lost', 5, (r) => String(r.lost)],
  ['node CPU %', 13, (r) => perNode(r.nodeCpu)],
  ['node RSS MB', 14, (r) => perNode(r.nodeRssMb)],
  ['push ms', 8, (r) => perNode(r.nodePushMs)],
  ['lag ms', 7, (r) => perNode(r.nodeLagP99Ms)],
  ['worker %', 9, (r) => r.workerCpu.toFixed(0)],
  ['worker lag', 11, (r) => r.workerLagP99Ms.toFixed(0)],
  ['producer %', 11, (r) => r.producerCpu.toFixed(0)],
  ['drained', 8, (r) => (r.drained ? 'yes' : 'NO')],
  ['checked', 8, (r) => r.checked],
];

const INCIDENT_COLUMNS: Column<IncidentRow>[] = [
  ['incident', 26, (r) => r.what],
  ['screens', 8, (r) => String(r.screens)],
  ['ev/s', 7, (r) => String(r.rate)],
  ['back', 6, (r) => String(r.screensBack)],
  ['all back ms', 12, (r) => ms(r.allBackMs)],
  ['p50 back', 9, (r) => ms(r.p50BackMs)],
  ['lease ms', 9, (r) => ms(r.leaseBackMs)],
  ['lost', 5, (r) => String(r.lostOnOthers)],
  ['peak CPU %', 13, (r) => perNode(r.peakCpu)],
  ['drained', 8, (r) => (r.drained ? 'yes' : 'NO')],
  ['checked', 8, (r) => r.checked],
];

// A space between cells: a figure wider than its column (three nodes' figures) pushes the row on rather than running into the next.
function render<R>(columns: Column<R>[], rows: R[], header: boolean): string {
  const lines = rows.map((row) => columns.map(([, width, cell]) => cell(row).padStart(width)).join(' '));
  return (header ? [columns.map(([title, width]) => title.padStart(width)).join(' '), ...lines] : lines).join('\n');
}

export const eventTable = (rows: EventRow[], header = true) => render(EVENT_COLUMNS, rows, header);
export const incidentTable = (rows: IncidentRow[], header = true) => render(INCIDENT_COLUMNS, rows, header);
