import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../src/db/client.js';
import { buildApp } from '../src/server/app.js';
import { FakeClock, type Clock } from '../src/server/clock.js';
import { loadConfig } from '../src/server/config.js';
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
export async function createTestApp(opts: { clock?: Clock; database?: Database } = {}): Promise<TestApp> {
  const database = opts.database ?? (await openTestDatabase());
  const clock = opts.clock ?? new FakeClock();
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: undefined, PASSWORD_COST: '10' }, []), slaSweep: false };
  const app = await buildApp({ config, database, clock, storage: new MemoryStorage(), logger: false, serveWeb: false });
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
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
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
    get: (url) => send('GET', url),
    post: (url, body, extra) => send('POST', url, body ?? {}, extra),
    patch: (url, body) => send('PATCH', url, body ?? {}),
    put: (url, body) => send('PUT', url, body ?? {}),
    delete: (url) => send('DELETE', url),
  };
}
