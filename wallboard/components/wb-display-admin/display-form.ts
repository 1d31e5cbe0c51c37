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
  /** A playlist's pages; with two or more, each page's queues, team, layout and title replace the fields above. */
  pages?: PageFields[];
}

/** One page of a playlist as typed in the form. */
export interface PageFields {
  queues: string;
  team: string;
  layout: DisplayLayout;
  title: string;
  /** Seconds the page stays up, as typed. */
  seconds: string;
}

export type DisplayFormResult = { ok: true; name: string; view: DisplayView } | { ok: false; reason: 'nameRequired' | 'twoPages' };

/** What a page (or a display without a playlist) shows: the fields left empty are left out. */
function scopeOf(fields: Pick<PageFields, 'queues' | 'team' | 'title'>): Pick<DisplayView, 'queues' | 'team' | 'title'> {
  const scope: Pick<DisplayView, 'queues' | 'team' | 'title'> = {};
  const queues = listOf(fields.queues);
  if (queues.length > 0) scope.queues = queues;
  const team = fields.team.trim();
  if (team) scope.team = team;
  const title = fields.title.trim();
  if (title) scope.title = title;
  return scope;
}

/** The request body of POST /api/v1/displays; fields left empty are left out. */
export function displayOfForm(fields: DisplayFormFields): DisplayFormResult {
  const name = fields.name.trim();
  if (!name) return { ok: false, reason: 'nameRequired' };
  const pages = fields.pages ?? [];
  if (pages.length === 1) return { ok: false, reason: 'twoPages' };
  const view: DisplayView =
    pages.length > 1
      ? { lang: fields.lang, agentNames: fields.agentNames, playlist: pages.map((p) => ({ layout: p.layout, ...scopeOf(p), seconds: Math.round(Number(p.seconds)) })) }
      : { layout: fields.layout, lang: fields.lang, agentNames: fields.agentNames, ...scopeOf(fields) };
  const reloadAt = fields.reloadAt.trim();
  if (reloadAt) view.reloadAt = reloadAt;
  return { ok: true, name, view };
}

/** What one view or page shows: queues, team, layout and title. */
function scopeParts(view: Pick<DisplayView, 'queues' | 'team' | 'layout' | 'title'>, names: Readonly<Record<string, string>>, i18n: I18n): string[] {
  const parts = [view.queues?.length ? view.queues.map((q) => isolate(names[q] ?? q)).join(', ') : i18n.t('scope.allQueues')];
  parts.push(view.team ? i18n.t('scope.team', { team: isolate(view.team) }) : i18n.t('display.anyTeam'));
  parts.push(i18n.t(`display.layout.${view.layout ?? 'standard'}`));
  if (view.title) parts.push(`“${isolate(view.title)}”`);
  return parts;
}

/**
 * What a display shows, in short parts: queues, team, layout, title (or, with a playlist, each
 * page's, with its seconds), language, "agent ids only" when names are hidden, and its nightly reload.
 */
export function viewSummary(view: DisplayView, i18n: I18n): string[] {
  const names = view.queueNames ?? {};
  const parts = view.playlist
    ? [
        i18n.t('display.summary.playlist', { pages: view.playlist.length }),
        ...view.playlist.map((page, i) => `${i + 1}. ${[...scopeParts(page, names, i18n), i18n.t('display.summary.seconds', { seconds: page.seconds })].join(' · ')}`),
      ]
    : scopeParts(view, names, i18n);
  parts.push(view.lang === 'en' ? 'English' : '中文');
  if (view.agentNames === false) parts.push(i18n.t('display.summary.agentIds'));
  if (view.reloadAt) parts.push(i18n.t('display.summary.reloadAt', { time: view.reloadAt }));
  return parts;
}
