// Debian's Chromium driven by playwright-core (no browser download).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../../server/report/pdf-printer.js';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
}

/** A page of a test: its errors and dialogs in `problems`, Content-Security-Policy violations in `cspViolations` (and in `problems`). */
export type TestPage = Page & { problems: string[]; cspViolations: string[] };

/** A page in its own browser context (its own cookies), with its errors, CSP violations and dialogs kept. */
export async function freshPage(browser: Browser, width: number, height: number): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = (await context.newPage()) as TestPage;
  page.problems = [];
  page.cspViolations = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  // Chromium reports a blocked script, style or connection both on the console and as an event.
  page.on('console', (m) => {
    if (!/Content Security Policy/i.test(m.text())) return;
    page.problems.push(m.text());
    page.cspViolations.push(m.text());
  });
  await page.exposeFunction('__cspViolation', (v: string) => page.cspViolations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __cspViolation(v: string): Promise<void> }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on('dialog', (d) => {
    page.problems.push(`a dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Text of the first element matching a `>>>`-free CSS selector, searching through shadow roots. */
export function deepText(page: Page, selector: string): Promise<string | null> {
  return page.evaluate((sel) => {
    const find = (root: Document | ShadowRoot): Element | null => {
      const hit = root.querySelector(sel);
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          const inner = find(el.shadowRoot);
          if (inner) return inner;
        }
      }
      return null;
    };
    return find(document)?.textContent?.trim() ?? null;
  }, selector);
}

/** All elements matching a selector through shadow roots: their text and data-* attributes. */
export function deepAll(page: Page, selector: string): Promise<{ text: string; data: Record<string, string> }[]> {
  return page.evaluate((sel) => {
    const out: { text: string; data: Record<string, string> }[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll(sel))
        out.push({ text: el.textContent?.replace(/\s+/g, ' ').trim() ?? '', data: { ...(el as HTMLElement).dataset } as Record<string, string> });
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return out;
  }, selector);
}

/** Scrolls the first element matching a selector, through shadow roots, to `offsetPx` below the top of its scroller. */
export function deepScrollIntoView(page: Page, selector: string, offsetPx = 0): Promise<boolean> {
  return page.evaluate(
    ([sel, offset]) => {
      const find = (root: Document | ShadowRoot): Element | null => {
        const hit = root.querySelector(sel);
        if (hit) return hit;
        for (const el of root.querySelectorAll('*')) {
          const inner = el.shadowRoot ? find(el.shadowRoot) : null;
          if (inner) return inner;
        }
        return null;
      };
      const el = find(document) as HTMLElement | null;
      el?.style.setProperty('scroll-margin-top', `${offset}px`);
      el?.scrollIntoView({ block: 'start' });
      return el !== null;
    },
    [selector, offsetPx] as const,
  );
}
