import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAdmin } from '../../../test/factories.js';
import { buildOpen311City, open311Schemas, parseXml, type Open311City } from '../../../test/open311-fixtures.js';
import { PNG_1PX } from '../../../test/requests-factories.js';
import { requestAttachments, requestEvents, serviceRequests } from '../requests/requests.schema.js';

let t: TestApp;
let w: Open311City;
let admin: Client;
let dingliKey: string;
let cityKey: string;
const schemas = open311Schemas();

beforeAll(async () => {
  t = await createTestApp();
  w = await buildOpen311City(t.database.db);
  admin = await login(t.app, (await buildAdmin(t.database.db, w.city.id)).username);
  const issue = async (organisationId: number, label: string) => {
    const res = await admin.post('/api/admin/open311-keys', { organisationId, label });
    expect(res.statusCode).toBe(201);
    return res.json().key as string;
  };
  dingliKey = await issue(w.dingli.committee.id, '鼎立社区居委会');
  cityKey = await issue(w.department.id, '市民热线');
});
afterAll(async () => t?.close());

/** A form post, as the spec has Open311 clients send it. */
function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST', url, payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
  });
}

async function stored(id: string) {
  const [row] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.id, Number(id)));
  return row!;
}

describe('POST requests', () => {
  it('files a form post located by address_string, compound and building matched', async () => {
    const res = await postForm('/open311/v2/requests.json', {
      api_key: dingliKey, jurisdiction_id: w.city.code, service_code: 'lighting', address_string: '鼎立社区 A区12号楼',
      description: '12号楼2单元楼道灯不亮', first_name: '秀英', last_name: '郑', phone: '13803781201', email: 'zxy@example.cn',
    });
    expect(res.statusCode).toBe(200);
    const receipt = res.json() as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(receipt).toEqual([{ service_request_id: expect.stringMatching(/^\d+$/), service_notice: '1小时内响应，1天内办结', account_id: null }]);
    const row = await stored(receipt[0]!.service_request_id);
    expect(row).toMatchObject({
      compoundId: w.dingli.compoundA.id, buildingId: w.dingli.buildingOf(w.dingli.compoundA.id, '12号楼').id, communityId: w.dingli.community.id,
      source: 'open311', locationKind: 'building', locationText: '鼎立社区 A区12号楼', reporterName: '郑秀英', reporterPhone: '13803781201',
      reporterEmail: 'zxy@example.cn', description: '12号楼2单元楼道灯不亮', state: 'submitted', reporterAccountId: null,
    });
    const [event] = await t.database.db.select().from(requestEvents).where(eq(requestEvents.subjectId, row.id));
    expect(event).toMatchObject({ action: 'submit', toState: 'submitted' });

    const back = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${row.id}.json?jurisdiction_id=${w.city.code}` });
    expect(back.json()[0]).toMatchObject({ status: 'open', service_code: 'lighting', address: '鼎立小区A区 12号楼，鼎立社区 A区12号楼', agency_responsible: '鼎立社区' });
    expectValid(back.json());
    expect(back.body).not.toContain('郑秀英');
    expect(back.body).not.toContain('13803781201');
  });

  it('files a JSON post located by lat/long (nearest compound within 500 m) and answers XML', async () => {
    const res = await t.app.inject({
      method: 'POST', url: `/open311/v2/requests.xml?api_key=${encodeURIComponent(cityKey)}`,
      payload: { jurisdiction_id: w.city.code, service_code: 'parking', lat: 34.7899, long: 114.3506, description: '消防通道被私家车堵了', attribute: { location_kind: 'road' } },
    });
    expect(res.statusCode).toBe(200);
    const doc = parseXml(res.body) as { service_requests: { request: { service_request_id: string; service_notice: string; account_id: string }[] } };
    const [receipt] = doc.service_requests.request;
    expect(receipt).toMatchObject({ service_request_id: expect.stringMatching(/^\d+$/), account_id: '' });
    expect(await stored(receipt!.service_request_id)).toMatchObject({ compoundId: w.dingli.compoundB.id, buildingId: null, locationKind: 'road', lat: 34.7899, lng: 114.3506 });
  });

  it('accepts the compound id as address_id, and attribute[...] form fields', async () => {
    const res = await postForm('/open311/v2/requests.json', {
      api_key: cityKey, service_code: 'sanitation', address_id: String(w.compound.id), 'attribute[location_kind]': 'green_space', 'attribute[contact_time]': '工作日18:00后',
    });
    expect(res.statusCode).toBe(200);
    expect(await stored(res.json()[0].service_request_id)).toMatchObject({ compoundId: w.compound.id, locationKind: 'green_space', contactTime: '工作日18:00后', description: '卫生死角' });
  });

  it('takes photos from a multipart post (media-upload extension), never publishing them', async () => {
    const boundary = 'open311boundary';
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = Buffer.concat([
      Buffer.from([field('api_key', cityKey), field('service_code', 'sanitation'), field('address_string', '鼎立A区3号楼'), field('description', '垃圾堆了三天')].join('')),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`), PNG_1PX,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode, res.body).toBe(200);
    const id = Number(res.json()[0].service_request_id);
    expect(await t.database.db.select({ mimeType: requestAttachments.mimeType }).from(requestAttachments).where(eq(requestAttachments.requestId, id))).toEqual([{ mimeType: 'image/png' }]);
    const back = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json?jurisdiction_id=${w.city.code}` });
    expect(back.json()[0].media_url).toBeUndefined();
  });

  it('replays a retry with the same Idempotency-Key', async () => {
    const fields = { api_key: cityKey, jurisdiction_id: w.city.code, service_code: 'leak', address_string: '鼎立B区3号楼', description: '楼顶漏水' };
    const first = await postForm('/open311/v2/requests.json', fields, { 'idempotency-key': 'retry-1' });
    const again = await postForm('/open311/v2/requests.json', fields, { 'idempotency-key': 'retry-1' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id);
  });
});

function expectValid(list: unknown) {
  expect(schemas.requests(list), JSON.stringify(schemas.requests.errors)).toBe(true);
}

describe('POST requests: api_key', () => {
  const fields = () => ({ jurisdiction_id: w.city.code, service_code: 'lighting', address_string: '鼎立A区1号楼' });

  it('refuses a missing, unknown or revoked key with 403 in both formats', async () => {
    const missing = await postForm('/open311/v2/requests.json', fields());
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const unknown = await postForm('/open311/v2/requests.xml', { ...fields(), api_key: 'not-a-key' });
    expect(unknown.statusCode).toBe(403);
    expect(parseXml(unknown.body)).toMatchObject({ errors: { error: [{ code: '403', description: expect.stringContaining('Invalid api_key') }] } });

    const issued = await admin.post('/api/admin/open311-keys', { organisationId: w.department.id, label: '将被吊销' });
    const key = issued.json().key as string;
    expect((await postForm('/open311/v2/requests.json', { ...fields(), api_key: key })).statusCode).toBe(200);
    expect((await admin.delete(`/api/admin/open311-keys/${issued.json().id}`)).statusCode).toBe(204);
    const revoked = await postForm('/open311/v2/requests.json', { ...fields(), api_key: key });
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json()[0].description).toContain('revoked');
  });

  it('keeps a community key inside its community (403 elsewhere), a city key anywhere in its city', async () => {
    const outside = await postForm('/open311/v2/requests.json', { ...fields(), api_key: dingliKey, address_string: `${w.compound.name} 1号楼` });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()[0].description).toContain(w.community.name);
    const xml = await postForm('/open311/v2/requests.xml', { ...fields(), api_key: dingliKey, address_id: String(w.selfGovernedCompound.id) });
    expect(xml.statusCode).toBe(403);
    expect((await postForm('/open311/v2/requests.json', { ...fields(), api_key: cityKey, address_string: `${w.compound.name} 1号楼` })).statusCode).toBe(200);
  });

  it('refuses a key used for another jurisdiction (403), and an unknown jurisdiction (404)', async () => {
    const other = await buildOpen311City(t.database.db);
    expect((await postForm('/open311/v2/requests.json', { ...fields(), api_key: cityKey, jurisdiction_id: other.city.code })).statusCode).toBe(403);
    expect((await postForm('/open311/v2/requests.json', { ...fields(), api_key: cityKey, jurisdiction_id: 'atlantis' })).statusCode).toBe(404);
  });
});

describe('POST requests: service and location', () => {
  const base = () => ({ api_key: cityKey, jurisdiction_id: w.city.code });

  it('answers a missing service_code 400 and an unknown one 404', async () => {
    const missing = await postForm('/open311/v2/requests.json', { ...base(), address_string: '鼎立A区' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()[0].description).toContain('service_code');
    const unknown = await postForm('/open311/v2/requests.xml', { ...base(), service_code: 'potholes', address_string: '鼎立A区' });
    expect(unknown.statusCode).toBe(404);
    expect(parseXml(unknown.body)).toMatchObject({ errors: { error: [{ code: '404', description: expect.stringContaining('potholes') }] } });
  });

  it('answers an unmatched or missing location 400 with a clear description', async () => {
    const nowhere = await postForm('/open311/v2/requests.json', { ...base(), service_code: 'lighting', address_string: '北京市海淀区中关村大街1号' });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json()[0].description).toMatch(/address_string "北京市海淀区中关村大街1号" does not match/);
    const far = await postForm('/open311/v2/requests.json', { ...base(), service_code: 'lighting', lat: '34.90', long: '114.50' });
    expect(far.statusCode).toBe(400);
    expect(far.json()[0].description).toContain('within 500 m');
    const ambiguous = await postForm('/open311/v2/requests.json', { ...base(), service_code: 'lighting', address_string: '鼎立社区' });
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json()[0].description).toContain('鼎立小区A区');
    const none = await postForm('/open311/v2/requests.xml', { ...base(), service_code: 'lighting' });
    expect(none.statusCode).toBe(400);
    expect(parseXml(none.body)).toMatchObject({ errors: { error: [{ code: '400', description: expect.stringContaining('location is required') }] } });
    const half = await postForm('/open311/v2/requests.json', { ...base(), service_code: 'lighting', lat: '34.79' });
    expect(half.statusCode).toBe(400);
    const badLat = await postForm('/open311/v2/requests.json', { ...base(), service_code: 'lighting', lat: 'north', long: '114' });
    expect(badLat.json()[0].description).toContain('lat');
  });

  it('answers malformed bodies and bad attributes 400 in the spec format', async () => {
    const broken = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: '{"service_code":', headers: { 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()[0].code).toBe(400);
    const attr = await postForm('/open311/v2/requests.json', { ...base(), service_code: 'lighting', address_string: '鼎立A区', 'attribute[location_kind]': 'roof' });
    expect(attr.statusCode).toBe(400);
    expect(attr.json()[0].description).toContain('location_kind');
  });
});
