// Entry point of the one bundle: picks the page by path (/login, /admin, /report, /tv, /lead), asks the
// server who this browser is, and mounts the page. A paired display shows its own view; the TV
// and tablet views connect the store, and leave for the login or the revoked screen when the
// server ends their access.
import { io } from 'socket.io-client';
import { AccessApi } from './access/access-api.js';
import { AccessError } from './access/access-error.js';
import type { Principal } from './access/access-types.js';
import { browserNavigator } from './access/navigator.js';
import { loginUrl, safeNext } from './access/next-path.js';
import { langOf } from './access/page-lang.js';
import { readSession } from './access/read-session.js';
import { appPageOf } from './config/app-page.js';
import { playlistOfDisplay, screenConfigOfDisplay, type ScreenPage } from './config/display-config.js';
import { playlistPageAt } from './config/playlist.js';
import { parseScreenConfig, viewOf, type ScreenConfig } from './config/screen-config.js';
import { createI18n } from './i18n/i18n.js';
import { historyGetOf } from './report/report-loader.js';
import { applyReportDocumentStyles } from './report/report-document.js';
import { parseReportQuery } from './report/report-query.js';
import { ClockSource } from './store/clock-source.js';
import { nextFrame } from './store/next-frame.js';
import { ScreenWatchdog } from './store/screen-watchdog.js';
import { WallboardStore, type AccessEnd, type WallboardSocket } from './store/wallboard-store.js';
import { DEFAULT_TIME_ZONE } from '../server/contract/constants.js';
import './components/wb-admin-page/wb-admin-page.js';
import './components/wb-lead-view/wb-lead-view.js';
import './components/wb-login-page/wb-login-page.js';
import './components/wb-report-page/wb-report-page.js';
import './components/wb-revoked-screen/wb-revoked-screen.js';
import './components/wb-tv-view/wb-tv-view.js';

const api = new AccessApi();
const here = `${location.pathname}${location.search}`;
const go = (path: string) => browserNavigator.go(path);
// Exposed for the end-to-end tests and for an operator's console; nothing reads it in the app.
const exposed: Record<string, unknown> = { api };
(window as unknown as { wallboard: unknown }).wallboard = exposed;

async function startLogin(): Promise<void> {
  const lang = langOf(location.search, navigator.languages);
  const next = safeNext(new URLSearchParams(location.search).get('next'));
  // The server sends a revoked display's TV here (it has no session any more): the wall should say
  // what happened, not ask a passer-by to sign in.
  if (next.startsWith('/tv')) {
    const revoked = await api.session().then(
      () => false,
      (error: unknown) => error instanceof AccessError && error.failure === 'unauthorized' && error.detail === 'revoked',
    );
    if (revoked) return endScreen('revoked', { ...parseScreenConfig('/tv', location.search), lang }, null);
  }
  show('page', lang, createI18n(lang).t('login.title'));
  const page = document.createElement('wb-login-page');
  page.api = api;
  page.language = lang;
  page.next = next;
  document.body.replaceChildren(page);
}

async function startAdmin(): Promise<void> {
  const lang = langOf(location.search, navigator.languages);
  const access = await readSession(api);
  const principal = access.kind === 'session' ? access.session.principal : null;
  if (principal?.kind === 'display') return go('/tv');
  if (principal?.kind !== 'user' || principal.mustChangePassword) return go(loginUrl(here));
  show('page', lang, createI18n(lang).t('admin.title'));
  const page = document.createElement('wb-admin-page');
  page.api = api;
  page.principal = principal;
  page.language = lang;
  document.body.replaceChildren(page);
}

/** /report: a lead or an admin (or an admin token: the PDF printer carries its requester's). The history API refuses the rest. */
async function startReport(): Promise<void> {
  const lang = langOf(location.search, navigator.languages);
  const access = await readSession(api);
  const principal = access.kind === 'session' ? access.session.principal : null;
  if (principal?.kind === 'display') return go('/tv');
  if (principal === null || (principal.kind === 'user' && principal.mustChangePassword)) return go(loginUrl(here));
  applyReportDocumentStyles(document);
  show('report', lang, createI18n(lang).t('report.title'));
  const page = document.createElement('wb-report-page');
  page.get = historyGetOf((input, init) => fetch(input, init));
  page.pick = parseReportQuery(location.search);
  page.language = lang;
  document.body.replaceChildren(page);
  Object.assign(exposed, { principal });
}

async function startScreen(page: 'tv' | 'lead'): Promise<void> {
  const access = await readSession(api);
  if (access.kind === 'signedOut') return go(loginUrl(here));
  let config = parseScreenConfig(location.pathname, location.search);
  if (access.kind === 'revoked') return endScreen('revoked', config, null);
  const principal = access.kind === 'session' ? access.session.principal : null;
  let playlist: ScreenPage[] | null = null;
  if (principal?.kind === 'display') {
    if (page === 'lead') return go('/tv');
    // The display's own view, whatever the address bar says.
    playlist = playlistOfDisplay(principal.view);
    config = screenConfigOfDisplay(principal.view);
  }
  if (principal?.kind === 'user' && principal.mustChangePassword) return go(loginUrl(here));
  show(config.page, config.lang, config.title ?? createI18n(config.lang).t(config.page === 'lead' ? 'app.lead' : 'app.tv'));

  const socket: WallboardSocket = io({ autoConnect: false, reconnectionDelayMax: 5000 });
  const clock = new ClockSource();
  if (playlist)
    config =
      playlist[
        playlistPageAt(
          clock.now(),
          playlist.map((p) => p.seconds),
        ).index
      ]!.config;
  const store = new WallboardStore({ socket, clock, view: viewOf(config), schedule: nextFrame });
  if (config.page === 'lead') {
    const view = document.createElement('wb-lead-view');
    Object.assign(view, { store, clock, config, account: principal?.kind === 'user' ? { api, principal } : null });
    document.body.replaceChildren(view);
  } else {
    const view = document.createElement('wb-tv-view');
    Object.assign(view, { store, clock, config });
    document.body.replaceChildren(view);
    if (playlist) turnPages(store, clock, view, playlist);
  }
  const unsubscribe = store.subscribe((state) => {
    if (state.access === null) return;
    queueMicrotask(() => unsubscribe());
    endScreen(state.access, config, principal);
  });
  store.start();
  if (config.page === 'tv') watchScreen(store, clock, config);
  Object.assign(exposed, { store, clock, config, principal });
}

/**
 * Turns a display's playlist on server time. The new page's view is subscribed first; its title
 * and layout change when its snapshot has come, so a page never shows another page's data.
 */
function turnPages(store: WallboardStore, clock: ClockSource, view: { config: ScreenConfig }, pages: ScreenPage[]): void {
  const seconds = pages.map((p) => p.seconds);
  let shown = pages.findIndex((p) => p.config === view.config);
  let pending: ScreenConfig | null = null;
  store.subscribe(() => {
    if (pending === null || !store.settled) return;
    view.config = pending;
    pending = null;
  });
  const turn = () => {
    const { index, nextTs } = playlistPageAt(clock.now(), seconds);
    if (index !== shown) {
      shown = index;
      pending = pages[index]!.config;
      store.setView(viewOf(pending));
    }
    setTimeout(turn, Math.max(50, nextTs - clock.now() + 5));
  };
  turn();
}

const STALLS_KEY = 'wb.watchdog.stalls';

/** A TV nobody attends reloads itself when its feed goes silent, and nightly if its link or display asks. */
function watchScreen(store: WallboardStore, clock: ClockSource, config: ScreenConfig): void {
  const previousStalls = Number(sessionStorage.getItem(STALLS_KEY)) || 0;
  const watchdog = new ScreenWatchdog({
    lastDelivery: () => store.lastDeliveryAt,
    active: () => store.state.access === null,
    stallMs: config.watchdogMs,
    previousStalls,
    nightly: config.reloadAt ? { at: config.reloadAt, timeZone: () => store.state.snapshot?.timeZone ?? DEFAULT_TIME_ZONE } : null,
    serverNow: () => clock.now(),
    probe: () => fetch('/healthz', { cache: 'no-store' }).then((r) => r.ok),
    reload: (why) => {
      sessionStorage.setItem(STALLS_KEY, String(why === 'stalled' ? previousStalls + 1 : 0));
      location.reload();
    },
  });
  // Reloads for silence in a row end with the first data this page gets.
  let seen = false;
  store.subscribe((state) => {
    if (seen || state.snapshot === null) return;
    seen = true;
    sessionStorage.removeItem(STALLS_KEY);
  });
  watchdog.start();
  exposed['watchdog'] = watchdog;
}

/** The server ended this screen's access: a revoked display says so and stays; anyone else signs in again. */
function endScreen(end: AccessEnd, config: ScreenConfig, principal: Principal | null): void {
  switch (end) {
    case 'revoked': {
      show('tv', config.lang, createI18n(config.lang).t('revoked.title'));
      const screen = document.createElement('wb-revoked-screen');
      screen.language = config.lang;
      screen.displayName = principal?.kind === 'display' ? principal.name : null;
      document.body.replaceChildren(screen);
      return;
    }
    case 'signed-out':
    case 'unauthorized':
      return go(loginUrl(here));
    default: {
      const never: never = end;
      return never;
    }
  }
}

function show(view: string, lang: string, title: string): void {
  document.documentElement.lang = lang;
  document.documentElement.dataset['view'] = view;
  document.title = title;
}

const page = appPageOf(location.pathname);
switch (page) {
  case 'login':
    void startLogin();
    break;
  case 'admin':
    void startAdmin();
    break;
  case 'report':
    void startReport();
    break;
  case 'tv':
  case 'lead':
    void startScreen(page);
    break;
  default: {
    const never: never = page;
    throw new Error(`unknown page ${String(never)}`);
  }
}
