// What a screen follows: some queues, one team, or everything. One schema validates a view
// wherever it comes from (a Socket.IO subscription, a REST query string) and gives its type,
// with the limits that keep a hostile client from making the server do unbounded work.
import { z } from 'zod';

export const VIEW_LIMITS = {
  /** Longest queue id or team name. */
  nameLength: 128,
  /** Most queues one view may name. */
  queues: 500,
} as const;

const name = z.string().min(1).max(VIEW_LIMITS.nameLength);

export const viewSchema = z.strictObject({
  /** Queue ids to show; empty or absent means all. */
  queues: z.array(name).max(VIEW_LIMITS.queues).optional(),
  /** Only this team's agents and held calls (and the queues they serve, unless queues is set). */
  team: name.optional(),
  /** Per-queue intraday buckets and recent abandons (the tablet's drill-down). */
  detail: z.boolean().optional(),
});

export type View = z.infer<typeof viewSchema>;

export type ViewResult = { ok: true; view: View } | { ok: false; reason: string };

/** Validates a view; never throws, a failure carries a readable reason. */
export function parseView(raw: unknown): ViewResult {
  const parsed = viewSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, view: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'view';
  return { ok: false, reason: `${field}: ${issue?.message ?? 'invalid'}` };
}

/**
 * A view from a query string (`?queues=a,b&team=A&detail=1`), through the same schema:
 * queues is one comma-separated list, team one value, detail "1" or "true".
 */
export function parseViewQuery(query: Readonly<Record<string, unknown>>): ViewResult {
  const { queues, team, detail } = query;
  const raw: Record<string, unknown> = {};
  if (queues !== undefined) {
    if (typeof queues !== 'string') return { ok: false, reason: 'queues must be given once, as a comma-separated list' };
    raw['queues'] = queues
      .split(',')
      .map((q) => q.trim())
      .filter(Boolean);
  }
  if (team !== undefined) {
    if (typeof team !== 'string' || team === '') return { ok: false, reason: 'team must be one non-empty value' };
    raw['team'] = team;
  }
  if (detail !== undefined) raw['detail'] = detail === '1' || detail === 'true';
  return parseView(raw);
}

/** Canonical text of a view: equal views share a room and a snapshot. */
export function viewKey(view: View): string {
  const queues = [...new Set(view.queues ?? [])].sort().join(',');
  return `q=${queues}|t=${view.team ?? ''}|d=${view.detail ? 1 : 0}`;
}
