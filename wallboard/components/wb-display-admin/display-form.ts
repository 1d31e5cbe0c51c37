// The new-display form's fields as the view the server stores, and the short line that
// describes a stored view in the list.
import type { DisplayLayout, DisplayView } from '../../access/access-types.js';
import { isolate, type I18n } from '../../i18n/i18n.js';
import type { Lang } from '../../i18n/messages.js';
import { listOf } from '../form-fields.js';

export interface DisplayFormFields {
  name: string;
  /** Comma-separated queue ids; empty for all. */
  queues: string;
  /** Empty for all teams. */
  team: string;
  layout: DisplayLayout;
  lang: Lang;
  title: string;
  agentNames: boolean;
  /** "HH:MM" or empty: no nightly reload. */
  reloadAt: string;
}

export type DisplayFormResult = { ok: true; name: string; view: DisplayView } | { ok: false; reason: 'nameRequired' };

/** The request body of POST /api/v1/displays; fields left empty are left out. */
export function displayOfForm(fields: DisplayFormFields): DisplayFormResult {
  const name = fields.name.trim();
  if (!name) return { ok: false, reason: 'nameRequired' };
  const view: DisplayView = { layout: fields.layout, lang: fields.lang, agentNames: fields.agentNames };
  const queues = listOf(fields.queues);
  if (queues.length > 0) view.queues = queues;
  const team = fields.team.trim();
  if (team) view.team = team;
  const title = fields.title.trim();
  if (title) view.title = title;
  const reloadAt = fields.reloadAt.trim();
  if (reloadAt) view.reloadAt = reloadAt;
  return { ok: true, name, view };
}

/** What a display shows, in short parts: queues, team, layout, language, title, "agent ids only" when names are hidden, and its nightly reload. */
export function viewSummary(view: DisplayView, i18n: I18n): string[] {
  const names = view.queueNames ?? {};
  const parts = [view.queues?.length ? view.queues.map((q) => isolate(names[q] ?? q)).join(', ') : i18n.t('scope.allQueues')];
  parts.push(view.team ? i18n.t('scope.team', { team: isolate(view.team) }) : i18n.t('display.anyTeam'));
  parts.push(i18n.t(`display.layout.${view.layout ?? 'standard'}`));
  parts.push(view.lang === 'en' ? 'English' : '中文');
  if (view.title) parts.push(`“${isolate(view.title)}”`);
  if (view.agentNames === false) parts.push(i18n.t('display.summary.agentIds'));
  if (view.reloadAt) parts.push(i18n.t('display.summary.reloadAt', { time: view.reloadAt }));
  return parts;
}
