import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { buildOpen311City, insertRequests, type Open311City } from '../../../test/open311-fixtures.js';

/*
 * Request searches are kept rendered for OPEN311_CACHE_SECONDS per process: identical polls get
 * the same body (and Cache-Control says how long it may be kept); with 0 every poll searches.
 */
let cached: TestApp;
let live: TestApp;
let w: Open311City;

beforeAll(async () => {
  cached = await createTestApp({ config: { open311CacheSeconds: 10 } });
  live = await createTestApp({ database: cached.database, config: { open311CacheSeconds: 0 } });
  w = await buildOpen311City(cached.database.db);
});
afterAll(async () => {
  await live?.close();
  await cached?.close();
});

describe('Open311 search cache', () => {
  it('answers identical polls from the cache for its TTL, and a TTL of 0 searches every time', async () => {
    const url = `/open311/v2/requests.json?jurisdiction_id=${w.city.code}&service_code=lighting`;
    const lighting = w.categories.get('lighting')!;
    const at = cached.clock.now();
    await insertRequests(cached.database.db, w, lighting, [{ createdAt: new Date(at.getTime() - 3_600_000) }]);
    const first = await cached.app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=10');
    expect(first.json()).toHaveLength(1);
    await insertRequests(cached.database.db, w, lighting, [{ createdAt: new Date(at.getTime() - 1_800_000) }]);
    expect((await cached.app.inject({ method: 'GET', url })).body).toBe(first.body);
    const fresh = await live.app.inject({ method: 'GET', url });
    expect(fresh.json()).toHaveLength(2);
    expect(fresh.headers['cache-control']).toBeUndefined();
    // Another query is another entry.
    expect((await cached.app.inject({ method: 'GET', url: `${url}&status=open` })).json()).toHaveLength(2);
  });

  it('sends the cached search gzipped to a client that accepts gzip, the same bytes plain to one that does not', async () => {
    const url = `/open311/v2/requests.json?jurisdiction_id=${w.city.code}&service_code=lighting&status=closed`;
    await insertRequests(cached.database.db, w, w.categories.get('lighting')!, [{ createdAt: new Date(cached.clock.now().getTime() - 600_000), state: 'closed' }]);
    const plain = await cached.app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('accept-encoding');
    const zipped = await cached.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(JSON.parse(plain.body)).toHaveLength(1);
    // q=0 refuses gzip; XML is compressed the same way.
    expect((await cached.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip;q=0, identity' } })).headers['content-encoding']).toBeUndefined();
    const xml = await cached.app.inject({ method: 'GET', url: url.replace('requests.json', 'requests.xml'), headers: { 'accept-encoding': 'gzip' } });
    expect(gunzipSync(xml.rawPayload).toString('utf8')).toContain('<service_requests>');
  });
});
