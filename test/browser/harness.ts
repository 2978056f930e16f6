/**
 * Browser-test harness: the real server on a free port with a fresh embedded database and the
 * demo city, and Debian's chromium driven by playwright-core. Reused by every browser test:
 *
 *   const server = await startServer();          // beforeAll
 *   const browser = await launchBrowser();
 *   const page = await newPage(browser, server, 'desktop');
 *   await loginAs(page, 'community1');
 *   await saveScreenshot(page, 'community1-workbench');
 *   ...
 *   await browser.close(); await server.stop();  // afterAll
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by test/browser/global-setup.ts; absent when a file runs without it. */
    demoTemplate: DemoTemplate | undefined;
  }
}

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'artifacts');
export const DEMO_PASSWORD = 'gongzhi-demo';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  /** What the server printed, for diagnosing a failure. */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) ok();
    else child.once('exit', () => ok());
  });
}

/** Where a browser test's server finds the demo city already loaded (test/browser/global-setup.ts). */
export interface DemoTemplate {
  /** A stopped server's DATA_DIR: the PGlite files and the uploads, copied for every server. */
  dataDir: string;
  /** With DATABASE_URL: the database every server's own database is created from (`create database … template`). */
  database?: string;
}

interface SpawnedServer { url: string; port: number; output: () => string; stop: () => Promise<void> }

/** `node dist/server/main.js` (after `npm run build`), or `tsx src/server/main.ts`, until /api/health answers. */
async function spawnServer(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<SpawnedServer> {
  const port = await freePort();
  const built = existsSync(join(ROOT, 'dist/server/main.js'));
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web is missing: run `npm run build` (npm run test:browser does)');
  const [command, args] = built
    ? [process.execPath, [join(ROOT, 'dist/server/main.js')]]
    : [join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/server/main.ts')]];
  let log = '';
  const child = spawn(command, args, { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was healthy:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, port, output: () => log, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server not healthy within the timeout:\n${log}`);
}

const serverEnv = (dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', GONGZHI_DEMO: '1', PASSWORD_COST: '10', GONGZHI_ALLOW_WEAK_PASSWORD_COST: '1', ...extra,
});

/**
 * Loads the demo city once for the whole browser run: a server starts on an empty DATA_DIR (and,
 * with DATABASE_URL, an empty database), loads the demo and stops. Every test file's server then
 * starts from a copy, which takes a second instead of a demo load per file.
 */
export async function prepareDemoTemplate(): Promise<{ template: DemoTemplate; remove: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gongzhi-browser-template-'));
  const database = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'gongzhi_browser_template') : undefined;
  const env = serverEnv(dataDir, database ? { DATABASE_URL: database.url } : {});
  if (!database) delete env.DATABASE_URL;
  const server = await spawnServer(env, 300_000);
  await server.stop();
  return {
    template: { dataDir, database: database?.name },
    remove: async () => {
      await rm(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

/**
 * Starts the server on a free port with a fresh DATA_DIR and the demo city — copied from the run's
 * demo template when there is one (`inject('demoTemplate')`), else loaded — on the embedded PGlite,
 * or on a fresh PostgreSQL database when DATABASE_URL is set. `env` adds or overrides variables.
 */
export async function startServer(opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gongzhi-browser-'));
  const template = opts.env?.DATABASE_URL ? undefined : inject('demoTemplate');
  if (template) await cp(template.dataDir, dataDir, { recursive: true });
  // With DATABASE_URL set (CI's PostgreSQL pass) the server gets a database of its own on that
  // server; otherwise the embedded PGlite in its temp dir.
  const pgDatabase = opts.env?.DATABASE_URL ? undefined : process.env.DATABASE_URL
    ? await createScratchDatabase(process.env.DATABASE_URL, 'gongzhi_browser', template?.database) : undefined;
  const env = serverEnv(dataDir, opts.env);
  if (pgDatabase) env.DATABASE_URL = pgDatabase.url;
  else if (!opts.env?.DATABASE_URL) delete env.DATABASE_URL;
  const cleanup = async () => {
    await rm(dataDir, { recursive: true, force: true });
    await pgDatabase?.drop();
  };
  let server: SpawnedServer;
  try {
    server = await spawnServer(env, opts.timeoutMs ?? 180_000);
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { url: server.url, port: server.port, dataDir, output: server.output, stop: async () => { await server.stop(); await cleanup(); } };
}

/** A new database on the PostgreSQL server of `baseUrl` (empty, or a copy of `template`), dropped again by `drop()`. */
async function createScratchDatabase(baseUrl: string, prefix: string, template?: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export const viewports = {
  desktop: { viewport: { width: 1440, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;

export interface TestPage extends Page {
  /** Uncaught errors and console errors seen so far on this page. */
  errors: string[];
}

/** A page in its own context (own cookies), Chinese locale, base URL set to the server. */
export async function newPage(browser: Browser, server: TestServer, device: keyof typeof viewports = 'desktop', options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({ ...viewports[device], baseURL: server.url, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  const page = (await context.newPage()) as TestPage;
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // A 401 from /api/auth/me before login is the normal "not logged in", logged by the browser.
    if (msg.type() === 'error' && !/401 \(Unauthorized\)/.test(msg.text())) page.errors.push(`console: ${msg.text()}`);
  });
  return page;
}

/** Logs in through the login form and waits until the app has left the login page. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Saves `artifacts/<name>.png`; the whole page unless `fullPage: false`. */
export async function saveScreenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  // Let antd's motion settle so the picture shows the final state.
  await page.waitForTimeout(350);
  await page.screenshot({ path, fullPage });
  return path;
}

/**
 * One server and one chromium for the test file that calls this (at its top level): started
 * before its tests, stopped after them. `page(device)` opens a page in a fresh context.
 */
export function useBrowserSuite(): { page: (device?: keyof typeof viewports) => Promise<TestPage>; readonly server: TestServer } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    page: (device = 'desktop') => newPage(browser!, server!, device),
    get server() {
      return server!;
    },
  };
}

/** The drawer or page of a request shows this state (the server's word, after a live update). */
export async function expectRequestState(page: Page, id: number, state: string): Promise<void> {
  await page.locator(`[data-testid=request-detail][data-request-id="${id}"][data-state="${state}"]`).waitFor({ timeout: 20_000 });
}

/** Errors seen on a page, less the 404s that pages probing optional data expect. */
export const pageErrors = (page: TestPage) => page.errors.filter((e) => !/status of 404/.test(e));

/**
 * Picks `label` (or the first option) in a single antd Select and waits until its list has closed. A click that lands
 * while the list is still in its opening motion can leave the list open over the next field (seen
 * once in CI), so an option still showing is clicked again.
 */
export async function pickOption(page: Page, select: Locator, label?: string): Promise<void> {
  await select.click();
  const list = page.locator('.ant-select-dropdown:visible');
  const option = list.locator('.ant-select-item-option', label === undefined ? {} : { hasText: label }).first();
  await option.click();
  for (let tries = 1; (await list.count()) > 0; tries++) {
    if (tries > 30) throw new Error(`the list of the select did not close after picking ${label ?? 'its first option'}`);
    await page.waitForTimeout(150);
    if (tries % 5 === 0 && (await option.isVisible())) await option.click();
  }
}
