import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { buildCity, buildCommunity } from '../../../test/factories.js';
import { buildOpen311City, insertRequests, open311Schemas, parseXml, type Open311City } from '../../../test/open311-fixtures.js';
import { requestCategories, requestEvents } from '../requests/requests.schema.js';
import { w3cDateTime } from './open311.time.js';

let t: TestApp;
let w: Open311City;
let j: string;
const schemas = open311Schemas();
const now = new Date('2026-01-13T01:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildOpen311City(t.database.db);
  j = w.city.code;
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

function expectValid(validate: ReturnType<typeof open311Schemas>['request'], data: unknown) {
  const ok = validate(data);
  expect(ok, JSON.stringify(validate.errors)).toBe(true);
}

describe('discovery', () => {
  it('lists the v2 endpoint with both formats (JSON)', async () => {
    const res = await get('/open311/v2/discovery.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json();
    expect(body).toMatchObject({ changeset: expect.any(String), contact: expect.any(String), key_service: expect.any(String) });
    expect(body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
    expect(body.endpoints[0].url).toMatch(/\/open311\/v2$/);
  });

  it('is the same document in XML', async () => {
    const res = await get('/open311/v2/discovery.xml');
    expect(res.headers['content-type']).toContain('text/xml');
    const doc = parseXml(res.body) as { discovery: { endpoints: { endpoint: { formats: { format: string[] }; url: string }[] }; key_service: string } };
    expect(doc.discovery.key_service).toContain('api_key');
    expect(doc.discovery.endpoints.endpoint[0]!.formats.format).toEqual(['text/xml', 'application/json']);
  });
});

describe('services', () => {
  it('lists the city\'s active categories, valid against services.json', async () => {
    const res = await get(`/open311/v2/services.json?jurisdiction_id=${j}`);
    expect(res.statusCode).toBe(200);
    const services = res.json() as { service_code: string; keywords: string | null }[];
    expectValid(schemas.services, services);
    for (const s of services) expectValid(schemas.service, s);
    expect(services.map((s) => s.service_code)).toContain('heating');
    expect(services).toHaveLength(11);
    expect(services.find((s) => s.service_code === 'lighting')).toMatchObject({ service_name: '楼道照明', metadata: true, type: 'realtime', group: '物业服务' });
    expect(services.find((s) => s.service_code === 'lighting')!.keywords).toContain('路灯');
  });

  it('leaves inactive categories out, in XML too', async () => {
    const city = await buildCity(t.database.db);
    await t.database.db.insert(requestCategories).values([
      { cityId: city.city.id, code: 'on', name: '在用' }, { cityId: city.city.id, code: 'off', name: '停用', active: false },
    ]);
    const doc = parseXml((await get(`/open311/v2/services.xml?jurisdiction_id=${city.city.code}`)).body) as { services: { service: { service_code: string; metadata: string }[] } };
    expect(doc.services.service.map((s) => s.service_code)).toEqual(['on']);
    expect(doc.services.service[0]!.metadata).toBe('true');
  });

  it('defines a service\'s attributes (JSON valid against service-definition.json, and XML)', async () => {
    const json = await get(`/open311/v2/services/lighting.json?jurisdiction_id=${j}`);
    expect(json.statusCode).toBe(200);
    expectValid(schemas.serviceDefinition, json.json());
    expect(json.json().attributes.map((a: { code: string }) => a.code)).toEqual(['location_kind', 'contact_time']);
    const doc = parseXml((await get(`/open311/v2/services/lighting.xml?jurisdiction_id=${j}`)).body) as {
      service_definition: { service_code: string; attributes: { attribute: { code: string; values?: { value: { key: string }[] } }[] } };
    };
    expect(doc.service_definition.service_code).toBe('lighting');
    expect(doc.service_definition.attributes.attribute[0]!.values!.value.map((v) => v.key)).toContain('stairwell');
  });

  it('answers an unknown service_code with a 404 in the spec\'s error format', async () => {
    const json = await get(`/open311/v2/services/nope.json?jurisdiction_id=${j}`);
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 404, description: expect.stringContaining('"nope"') }]);
    const xml = await get(`/open311/v2/services/nope.xml?jurisdiction_id=${j}`);
    expect(xml.statusCode).toBe(404);
    expect(parseXml(xml.body)).toEqual({ '?xml': '', errors: { error: [{ code: '404', description: expect.stringContaining('nope') }] } });
  });
});

describe('jurisdiction_id', () => {
  it('is the city code: unknown → 404, missing with several cities → 400', async () => {
    const unknown = await get('/open311/v2/services.json?jurisdiction_id=atlantis');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()[0].description).toContain('atlantis');
    const missing = await get('/open311/v2/requests.xml');
    expect(missing.statusCode).toBe(400);
    expect((parseXml(missing.body) as { errors: { error: { description: string }[] } }).errors.error[0]!.description).toContain('jurisdiction_id');
  });
});

describe('jurisdiction_id on a single-city server', () => {
  it('may be omitted', async () => {
    // Needs a database holding exactly one city: a fresh in-memory one, whatever DATABASE_URL says.
    const database = await openDatabase({});
    await migrateDatabase(database);
    const single = await createTestApp({ database });
    try {
      const only = await buildCity(database.db);
      await database.db.insert(requestCategories).values({ cityId: only.city.id, code: 'lighting', name: '楼道照明' });
      const res = await single.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
      expect(res.statusCode).toBe(200);
      expect(res.json().map((s: { service_code: string }) => s.service_code)).toEqual(['lighting']);
      expect((await single.app.inject({ method: 'GET', url: '/open311/v2/requests.xml' })).statusCode).toBe(200);
    } finally {
      await single.close();
      await database.close();
    }
  });
});

describe('GET requests', () => {
  it('maps states to open/closed, with the SLA and the +08:00 offset, valid against requests.json', async () => {
    const c = await buildCommunity(t.database.db, w);
    const lighting = w.categories.get('lighting')!;
    const [open, resolved, closed, merged] = await insertRequests(t.database.db, c, lighting, [
      { state: 'in_progress', createdAt: hoursAgo(5), extra: { assigneeKind: 'property_company', assigneeCompanyId: c.company.id } },
      { state: 'resolved', createdAt: hoursAgo(4), extra: { resolvedAt: hoursAgo(1), assigneeKind: 'property_company', assigneeCompanyId: c.company.id } },
      { state: 'closed', createdAt: hoursAgo(3), extra: { closedAt: hoursAgo(2), resolvedAt: hoursAgo(2.5) } },
      { state: 'merged', createdAt: hoursAgo(2) },
    ]);
    await t.database.db.insert(requestEvents).values([
      { communityId: c.community.id, subjectId: open!, action: 'progress', note: '已联系电工，明天上午更换', at: hoursAgo(4.5) },
      { communityId: c.community.id, subjectId: resolved!, action: 'resolve', note: '灯泡已更换', at: hoursAgo(1) },
      { communityId: c.community.id, subjectId: resolved!, action: 'dispatch', note: '内部：请加急', at: hoursAgo(3.9) },
    ]);
    const res = await get(`/open311/v2/requests.json?jurisdiction_id=${j}&service_request_id=${open},${resolved},${closed},${merged}`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as Record<string, unknown>[];
    expectValid(schemas.requests, list);
    for (const r of list) expectValid(schemas.request, r);
    const byId = new Map(list.map((r) => [r.service_request_id, r]));
    expect(byId.get(String(open))).toMatchObject({
      status: 'open', status_notes: '处理中：已联系电工，明天上午更换', service_code: 'lighting', service_name: '楼道照明',
      agency_responsible: c.company.name, service_notice: '1小时内响应，1天内办结',
      requested_datetime: '2026-01-13T04:00:00+08:00', expected_datetime: w3cDateTime(new Date(hoursAgo(5).getTime() + 86_400_000)),
      address: `${c.compound.name}`, address_id: String(c.compound.id), lat: 34.791, long: 114.341,
    });
    expect(byId.get(String(resolved))).toMatchObject({ status: 'closed', status_notes: '待确认：灯泡已更换', updated_datetime: '2026-01-13T08:00:00+08:00' });
    expect(byId.get(String(closed))).toMatchObject({ status: 'closed', updated_datetime: '2026-01-13T07:00:00+08:00', agency_responsible: c.community.name });
    expect(byId.get(String(merged))!.status).toBe('closed');
    expect(res.body).not.toContain('内部');
    expect(list[0]!.service_request_id).toBe(String(merged));
  });

  it('filters by status (comma list), service_code and dates, in both formats', async () => {
    const city = await buildOpen311City(t.database.db);
    const jc = city.city.code;
    const heating = city.categories.get('heating')!;
    const leak = city.categories.get('leak')!;
    const [h1, h2] = await insertRequests(t.database.db, city, heating, [{ state: 'submitted', createdAt: hoursAgo(30) }, { state: 'closed', createdAt: hoursAgo(20) }]);
    const [l1] = await insertRequests(t.database.db, city, leak, [{ state: 'accepted', createdAt: hoursAgo(10) }]);
    const [old] = await insertRequests(t.database.db, city, leak, [{ state: 'submitted', createdAt: hoursAgo(24 * 91) }]);
    const ids = async (query: string) => ((await get(`/open311/v2/requests.json?jurisdiction_id=${jc}${query}`)).json() as { service_request_id: string }[]).map((r) => Number(r.service_request_id));
    expect(await ids('')).toEqual([l1, h2, h1]);
    expect(await ids('&status=open')).toEqual([l1, h1]);
    expect(await ids('&status=closed')).toEqual([h2]);
    expect(await ids('&status=open,closed')).toEqual([l1, h2, h1]);
    expect(await ids('&status=open&status=closed')).toEqual([l1, h2, h1]);
    expect(await ids('&service_code=heating')).toEqual([h2, h1]);
    expect(await ids('&service_code=heating,leak&status=open')).toEqual([l1, h1]);
    expect(await ids('&service_code=unknown')).toEqual([]);
    expect(await ids('&start_date=2026-01-12T08:00:00%2B08:00')).toEqual([l1, h2]);
    expect(await ids('&end_date=2026-01-12T00:00:00Z&start_date=2025-12-01T00:00:00Z')).toEqual([h1]);
    expect(await ids(`&service_request_id=${old}&status=open`)).toEqual([old]);
    expect(await ids('&status=&service_code=')).toEqual([l1, h2, h1]);
    const xml = parseXml((await get(`/open311/v2/requests.xml?jurisdiction_id=${jc}&status=closed`)).body) as { service_requests: { request: { service_request_id: string; status: string; requested_datetime: string }[] } };
    expect(xml.service_requests.request).toHaveLength(1);
    expect(xml.service_requests.request[0]).toMatchObject({ service_request_id: String(h2), status: 'closed', requested_datetime: '2026-01-12T13:00:00+08:00' });
    const empty = parseXml((await get(`/open311/v2/requests.xml?jurisdiction_id=${jc}&service_code=unknown`)).body);
    expect(empty.service_requests).toBe('');
  });

  it('refuses bad filters with a 400 in the spec format', async () => {
    const cases: [string, string][] = [['status=pending', 'pending'], ['start_date=yesterday', 'start_date'], ['start_date=2025-01-01&end_date=2025-12-01', '90 days'], ['page_size=5000', 'page_size']];
    for (const [query, word] of cases) {
      const res = await get(`/open311/v2/requests.json?jurisdiction_id=${j}&${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toEqual([{ code: 400, description: expect.stringContaining(word) }]);
    }
  });

  it('returns at most 1000 requests and pages through the rest', async () => {
    const city = await buildOpen311City(t.database.db);
    const other = city.categories.get('other')!;
    const ids = await insertRequests(t.database.db, city, other, Array.from({ length: 1005 }, (_, i) => ({ createdAt: new Date(now.getTime() - (i + 1) * 60_000) })));
    const url = `/open311/v2/requests.json?jurisdiction_id=${city.city.code}`;
    const first = (await get(url)).json() as { service_request_id: string }[];
    expect(first).toHaveLength(1000);
    expect(first[0]!.service_request_id).toBe(String(ids[0]));
    expectValid(schemas.requests, first);
    const second = (await get(`${url}&page=2`)).json() as { service_request_id: string }[];
    expect(second.map((r) => Number(r.service_request_id))).toEqual(ids.slice(1000));
    const small = (await get(`${url}&page=3&page_size=10`)).json() as { service_request_id: string }[];
    expect(small.map((r) => Number(r.service_request_id))).toEqual(ids.slice(20, 30));
    const xml = parseXml((await get(`${url.replace('.json', '.xml')}&page_size=7`)).body) as { service_requests: { request: unknown[] } };
    expect(xml.service_requests.request).toHaveLength(7);
  });
});

describe('GET requests/{id}', () => {
  it('returns the one request as a list, in JSON and XML', async () => {
    const [id] = await insertRequests(t.database.db, w, w.categories.get('heating')!, [{ state: 'dispatched', createdAt: hoursAgo(1), extra: { assigneeKind: 'local_unit', assigneeOrganisationId: w.localUnit.id, priority: 'urgent' } }]);
    const json = await get(`/open311/v2/requests/${id}.json?jurisdiction_id=${j}`);
    expect(json.statusCode).toBe(200);
    expectValid(schemas.requests, json.json());
    expectValid(schemas.request, json.json()[0]);
    expect(json.json()[0]).toMatchObject({ service_request_id: String(id), status: 'open', agency_responsible: w.localUnit.name, service_notice: expect.stringContaining('紧急诉求：15分钟内响应') });
    const xml = parseXml((await get(`/open311/v2/requests/${id}.xml?jurisdiction_id=${j}`)).body) as { service_requests: { request: { service_request_id: string; lat: string }[] } };
    expect((await get(`/open311/v2/request/${id}.json?jurisdiction_id=${j}`)).json()).toEqual(json.json());
    expect(xml.service_requests.request).toHaveLength(1);
    expect(xml.service_requests.request[0]).toMatchObject({ service_request_id: String(id), lat: '34.791' });
  });

  it('treats another city\'s request, and garbage ids, as not found (404)', async () => {
    const elsewhere = await buildOpen311City(t.database.db);
    const [id] = await insertRequests(t.database.db, elsewhere, elsewhere.categories.get('heating')!, [{ createdAt: hoursAgo(1) }]);
    expect((await get(`/open311/v2/requests/${id}.json?jurisdiction_id=${elsewhere.city.code}`)).statusCode).toBe(200);
    for (const url of [`/open311/v2/requests/${id}.json?jurisdiction_id=${j}`, `/open311/v2/requests/abc.json?jurisdiction_id=${j}`, `/open311/v2/requests/${id}.xml?jurisdiction_id=${j}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
    }
  });
});

describe('privacy', () => {
  it('never shows the reporter\'s name, phone or household number', async () => {
    const c = await buildCommunity(t.database.db, w);
    const [id] = await insertRequests(t.database.db, c, w.categories.get('leak')!, [{
      state: 'resolved', createdAt: hoursAgo(2), description: '我是郑秀英，电话13803781201，住1号楼1单元101室，卫生间顶上漏水',
      extra: {
        reporterPersonId: c.accounts.resident.personId, reporterAccountId: c.accounts.resident.accountId, householdId: c.households[0]!.id,
        reporterName: '郑秀英', reporterPhone: '13803781201', reporterEmail: 'zxy@example.cn', locationKind: 'own_unit', locationText: '1号楼1单元101室', buildingId: c.building.id,
      },
    }]);
    await t.database.db.insert(requestEvents).values({ communityId: c.community.id, subjectId: id!, action: 'resolve', note: '已上门处理，郑秀英女士确认，回访电话138 0378 1201', at: hoursAgo(1) });
    const urls = ['requests.json', 'requests.xml', `requests/${id}.json`, `requests/${id}.xml`].map((p) => `/open311/v2/${p}?jurisdiction_id=${j}`);
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(String(id));
      for (const secret of ['郑秀英', '13803781201', '138 0378 1201', 'zxy@example.cn', '101室', '单元101']) expect(res.body, `${url} ${secret}`).not.toContain(secret);
    }
    const [item] = (await get(urls[2]!)).json() as { description: string; address: string; status_notes: string }[];
    expect(item!.description).toContain('卫生间顶上漏水');
    expect(item!.address).toBe(`${c.compound.name} 1号楼`);
    expect(item!.status_notes).toContain('已上门处理');
  });
});

describe('unknown routes under /open311', () => {
  it('answer 404 in the spec format, XML when the path asks for it', async () => {
    const json = await get('/open311/v2/nothing.json');
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 404, description: expect.stringContaining('/open311/v2/nothing.json') }]);
    const xml = await get('/open311/v3/requests.xml');
    expect(xml.statusCode).toBe(404);
    expect(xml.headers['content-type']).toContain('text/xml');
    expect((parseXml(xml.body) as { errors: { error: { code: string }[] } }).errors.error[0]!.code).toBe('404');
    expect((await get('/open311')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: '/open311/v2/requests.json' })).json()[0].code).toBe(404);
  });

  it('are documented in the OpenAPI description', async () => {
    const res = await get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/open311/v2/requests.json', '/open311/v2/requests.xml', '/open311/v2/services/{service_code}.json', '/api/admin/open311-keys']) expect(paths).toContain(p);
  });

  it('leaves the rest of the app\'s error format alone', async () => {
    const res = await get('/api/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
