import { afterAll, beforeAll } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../src/db/client.js';
import { buildApp } from '../src/server/app.js';
import { FakeClock, type Clock } from '../src/server/clock.js';
import { loadConfig, type AppConfig } from '../src/server/config.js';
import type { ModuleManifest } from '../src/kernel/module.js';
import type { App } from '../src/server/context.js';
import { MemoryStorage } from '../src/server/storage.js';
import { openTestDatabase } from './db.js';

export interface TestApp {
  app: App;
  database: Database;
  clock: Clock;
  close(): Promise<void>;
}

/** The real app on a test database, with a fake clock unless `clock` is given. */
export async function createTestApp(opts: { clock?: Clock; database?: Database; modules?: readonly ModuleManifest[]; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const database = opts.database ?? (await openTestDatabase());
  const clock = opts.clock ?? new FakeClock();
  // Tests drive bursts of writes and jump the fake clock by hours: limits and the idle timeout are
  // generous here and tested on their own (accounts.api.test.ts, test/api/rate-limit.test.ts).
  const base = loadConfig({ ...process.env, DATABASE_URL: undefined, PASSWORD_COST: '10', GONGZHI_ALLOW_WEAK_PASSWORD_COST: '1' }, []);
  const config: AppConfig = {
    ...base, jobs: 'none', sessionIdleMinutes: base.sessionTtlHours * 60, open311CacheSeconds: 0, dashboardCacheSeconds: 0, figuresCacheSeconds: 0, requestsCacheSeconds: Number(process.env.GZ_TEST_REQUESTS_CACHE ?? 0),
    writeLimits: { perAccount: 100_000, perIp: 1_000_000, perApiKey: 100_000 }, ...opts.config,
  };
  const app = await buildApp({ config, database, clock, storage: new MemoryStorage(), logger: false, serveWeb: false, modules: opts.modules });
  await app.ready();
  return {
    app, database, clock,
    close: async () => {
      await app.close();
      if (!opts.database) await database.close();
    },
  };
}

/** A logged-in client: cookie and CSRF header sent on every call. */
export interface Client {
  username: string;
  /** The session cookie and CSRF header this client sends. */
  headers: Record<string, string>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  /** Any request with the session's cookie and CSRF token; `headers` and a raw `payload` as given. */
  raw(r: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer | object; remoteAddress?: string }): Promise<LightMyRequestResponse>;
}

export async function login(app: App, username: string, password = 'test-password'): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gz_session')!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const headers = { cookie: `gz_session=${cookie.value}`, 'x-csrf-token': csrf };
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, extra: Record<string, string> = {}) =>
    app.inject({ method, url, headers: { ...headers, ...extra }, ...(body === undefined ? {} : { payload: body as object }) });
  return {
    username,
    headers,
    get: (url) => send('GET', url),
    post: (url, body, extra) => send('POST', url, body ?? {}, extra),
    patch: (url, body) => send('PATCH', url, body ?? {}),
    put: (url, body) => send('PUT', url, body ?? {}),
    delete: (url) => send('DELETE', url),
    raw: (r) => app.inject({ method: r.method as 'GET', url: r.url, headers: { ...headers, ...r.headers }, remoteAddress: r.remoteAddress, ...(r.payload === undefined ? {} : { payload: r.payload as string }) }),
  };
}

/**
 * The usual frame of an API test file: one app on its own test database and one world built in
 * it before the tests, closed after them. `const s = useTestWorld(buildRequestsCommunity)`, then
 * `s.t` and `s.w` inside the tests.
 */
export function useTestWorld<W>(build: (db: Database['db']) => Promise<W>, opts: Parameters<typeof createTestApp>[0] = {}): { readonly t: TestApp; readonly w: W } {
  let t: TestApp | undefined;
  let w: W | undefined;
  beforeAll(async () => {
    t = await createTestApp(opts);
    w = await build(t.database.db);
  });
  afterAll(async () => t?.close());
  return {
    get t() { return t!; },
    get w() { return w!; },
  };
}
