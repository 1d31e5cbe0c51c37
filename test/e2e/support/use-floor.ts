// The hooks every end-to-end file needs, registered once: Chromium and a floor (a private Redis,
// the real server as a child process, the floor scenario) started before the tests of the block
// it is called in and torn down after them, and pages on that floor signed in or paired.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { waitFor } from '../../support/redis.js';
import { ADMIN_AUTH } from '../../support/server.js';
import { addSessionCookie, signIn, type TestSession } from '../../support/sign-in.js';
import { deepText, freshPage, launchBrowser, type TestPage } from './browser.js';
import { startFloor, type Floor } from './floor.js';

type SignInOptions = NonNullable<Parameters<typeof signIn>[1]>;

export interface UseFloorOptions {
  /** Applies the deterministic floor scenario before the tests. @default true */
  scenario?: boolean;
  /** The server's configuration file, written to the floor's folder and named by CONFIG_FILE; a function is called as the floor starts. @default none: the server's defaults */
  config?: Record<string, unknown> | (() => Record<string, unknown>);
  /** Environment for the server process, over the test's own. @default {} */
  env?: Record<string, string>;
  /** `block`: one floor for every test of the block; `test`: a floor of each test's own, for tests that stop its server or Redis. @default 'block' */
  per?: 'block' | 'test';
}

export interface OpenOptions {
  /** Who the page is signed in as: the floor's lead (made once per floor), a user made with these options, or nobody (a display's link pairs by itself). @default 'lead' */
  as?: 'lead' | SignInOptions | null;
  /** What the connection badge says once the page is live; false not to wait for it. @default /实时|Live/ */
  live?: RegExp | false;
}

export interface FloorFixture extends Omit<Floor, 'dispose'> {
  browser: Browser;
  /** A folder of the floor's own (its config file lives there), removed with it. */
  dir: string;
  /** A fresh page in its own browser context, closed after the test. */
  page(width: number, height: number): Promise<TestPage>;
  /** A fresh page at `target` (a path on the server or a whole URL), signed in as `options.as`, once it says it is live. */
  open(target: string, width: number, height: number, options?: OpenOptions): Promise<TestPage>;
  /** Creates a display as an admin would (POST /api/v1/displays); the answer as it came. */
  createDisplay(name: string, view: Record<string, unknown>): Promise<Response>;
}

interface Running {
  floor: Floor;
  dir: string;
  lead: Promise<TestSession> | null;
}

/** Registers the hooks of a floor in the current block (a file or a `describe`) and returns its handles, usable inside the tests. */
export function useFloor(options: UseFloorOptions = {}): FloorFixture {
  let browser: Browser | null = null;
  let running: Running | null = null;
  const pages: TestPage[] = [];
  const now = (): Running => {
    if (!running) throw new Error('the floor is only there inside a test (useFloor starts it in a hook)');
    return running;
  };

  const start = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-e2e-floor-'));
    const env = { ...options.env };
    if (options.config) {
      env['CONFIG_FILE'] = join(dir, 'wallboard.config.json');
      writeFileSync(env['CONFIG_FILE'], JSON.stringify(typeof options.config === 'function' ? options.config() : options.config));
    }
    try {
      running = { floor: await startFloor({ scenario: options.scenario ?? true, env }), dir, lead: null };
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  };
  const stop = async () => {
    const done = running;
    running = null;
    await done?.floor.dispose();
    if (done) rmSync(done.dir, { recursive: true, force: true });
  };
  const closePages = async () => {
    for (const page of pages.splice(0))
      await page
        .context()
        .close()
        .catch(() => undefined);
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    if (options.per !== 'test') await start();
  }, 60_000);
  if (options.per === 'test') {
    beforeEach(start, 60_000);
    afterEach(async () => {
      await closePages();
      await stop();
    });
  } else {
    afterEach(closePages);
  }
  afterAll(async () => {
    await closePages();
    await browser?.close();
    await stop();
  });

  const fixture: FloorFixture = {
    get browser() {
      if (!browser) throw new Error('the browser is only there inside a test');
      return browser;
    },
    get redis() {
      return now().floor.redis;
    },
    get server() {
      return now().floor.server;
    },
    get dir() {
      return now().dir;
    },
    rest: (query) => now().floor.rest(query),
    publish: (events) => now().floor.publish(events),
    page: async (width, height) => {
      const page = await freshPage(fixture.browser, width, height);
      pages.push(page);
      return page;
    },
    open: async (target, width, height, { as = 'lead', live = /实时|Live/ } = {}) => {
      const floor = now();
      const url = floor.floor.server.url;
      const page = await fixture.page(width, height);
      const session = as === null ? null : as === 'lead' ? await (floor.lead ??= signIn(url)) : await signIn(url, as);
      if (session) await addSessionCookie(page.context(), url, session);
      await page.goto(/^https?:/.test(target) ? target : url + target);
      if (live) await waitFor(async () => (await deepText(page, '[data-testid=connection]'))?.match(live), `${target} to go live`, 15_000);
      return page;
    },
    createDisplay: (name, view) =>
      fetch(`${now().floor.server.url}/api/v1/displays`, {
        method: 'POST',
        headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ name, view }),
      }),
  };
  return fixture;
}
