// Browser-test harness: the real app on an in-memory PGlite, Debian's Chromium through playwright-core,
// a page that fails on any console or page error, and axe-core.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import { openDb, type Db } from '../../src/db/index.ts';
import type { App } from '../../src/http/server.ts';
import { ensureReferenceData } from '../../src/features/register/reference.ts';
import { buildTestApp, createTestUser, everywhere, TEST_PASSWORD } from '../app.ts';
import { inject } from 'vitest';
import type { SharedApp } from './global-setup.ts';

export type { SharedApp };

export interface RunningApp {
  url: string;
  db: Db;
  app: App;
  /** A user with the administrator role in every municipality (the demo one included). */
  user: { username: string; password: string };
  /** A user who may only read (role laeser), everywhere. */
  reader: { username: string; password: string };
  close(): Promise<void>;
}

/** Starts the app on port 0 with a fresh in-memory database, seeded by `seed`, and a user to sign in with. */
export async function startApp(seed?: (db: Db) => Promise<void>, env: Record<string, string> = {}): Promise<RunningApp> {
  const db = await openDb({});
  await ensureReferenceData(db);
  if (seed) await seed(db);
  const user = await createTestUser(db, await everywhere(db, 'administrator'), 'e2e-admin');
  await db.pool.query('UPDATE app_user SET display_name = $1 WHERE id = $2', ['Test Testesen', user.id]);
  const reader = await createTestUser(db, await everywhere(db, 'laeser'), 'e2e-laeser');
  const app = await buildTestApp(db, { ALMEN_DEMO: 'off', ALMEN_COOKIE_SECURE: 'false', ...env });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    app,
    user: { username: user.username, password: TEST_PASSWORD },
    reader: { username: reader.username, password: TEST_PASSWORD },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** Signs the browser in (a session cookie from POST /api/auth/login), by default as the administrator. */
export async function signIn(browser: Browser, app: Pick<SharedApp, 'url' | 'user'>, as: SharedApp['user'] = app.user): Promise<void> {
  const res = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(as),
  });
  if (res.status !== 200) throw new Error(`Login: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    return { name: pair.slice(0, i), value: pair.slice(i + 1), url: app.url };
  });
  await browser.context.addCookies(cookies);
}

/** GET of an API path as the signed-in browser (its session cookie). */
export async function apiGet<T = any>(browser: Browser, app: SharedApp, path: string): Promise<T> {
  const res = await browser.context.request.get(`${app.url}/api/${path}`);
  if (!res.ok()) throw new Error(`GET /api/${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The app started by global-setup.ts and a signed-in browser, for a test file's beforeAll. */
export async function startAll(): Promise<[SharedApp, Browser]> {
  const app = inject('almen');
  const browser = await launchBrowser();
  await signIn(browser, app);
  return [app, browser];
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a new empty profile. */
export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'almen-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.ALMEN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface CheckedPage {
  page: Page;
  /** Declares console errors the test expects (e.g. the browser's note on a 422 answer). */
  allowConsoleError(pattern: RegExp): void;
  /** Fails on any console error or page error not allowed; closes the page. */
  finish(): Promise<void>;
}

/** A new page that records every console error and uncaught page error. */
export async function openPage(browser: Browser): Promise<CheckedPage> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    page,
    allowConsoleError: (p) => allowed.push(p),
    async finish() {
      await page.close();
      const stray = errors.filter((e) => !allowed.some((a) => a.test(e)));
      if (stray.length) throw new Error(`Uventede fejl i browserens konsol:\n${stray.join('\n')}`);
    },
  };
}

const axeSource = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** Runs axe-core with the WCAG 2.1 A and AA rules; fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, what: string) {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;0`);
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`);
  if (report.length) throw new Error(`axe-core fandt ${report.length} overtrædelser på ${what}:\n${report.join('\n')}`);
  return violations.length;
}

/** Waits until no request to the API is in flight and the page shows no loading spinner. */
export async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.locator('.spinner').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
}

/**
 * Holds the page's reads of one API path (any query) until the returned function releases them: to see what a page
 * shows while an answer is on its way, without racing it.
 */
export async function holdApi(page: Page, path: string): Promise<() => Promise<void>> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const match = (url: URL) => url.pathname === `/api/${path}`;
  const handler = async (route: Route) => {
    await held;
    await route.continue().catch(() => {}); // the page may have given the read up meanwhile
  };
  await page.route(match, handler);
  return async () => {
    release();
    await page.unroute(match, handler);
  };
}
