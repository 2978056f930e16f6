import { readFileSync, readdirSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import type { Db } from '../src/db/client.js';
import { ensureDefaultCategories } from '../src/modules/requests/requests.categories.js';
import { serviceRequests, type requestCategories } from '../src/modules/requests/requests.schema.js';
import { buildings, communities, compounds, organisations, propertyCompanies } from '../src/modules/places/places.schema.js';
import type { RequestState } from '../src/shared/request-states.js';
import { buildCommunity, uniqueSuffix, type TestCity, type TestCommunity } from './factories.js';

/**
 * Open311 test support: the standard's own JSON schemas (loaded together, since they $ref each
 * other), an XML parser that keeps lists as lists, and a community shaped like the demo's
 * 鼎立社区 inside a test city.
 */
const schemaDir = '/work/shared/open311-schemas';

export function open311Schemas(): { request: ValidateFunction; requests: ValidateFunction; service: ValidateFunction; services: ValidateFunction; serviceDefinition: ValidateFunction } {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.json') && f !== 'swagger.json')) {
    ajv.addSchema(JSON.parse(readFileSync(`${schemaDir}/${file}`, 'utf8')), file);
  }
  const get = (id: string) => ajv.getSchema(id)!;
  return { request: get('request.json'), requests: get('requests.json'), service: get('service.json'), services: get('services.json'), serviceDefinition: get('service-definition.json') };
}

const listElements = new Set(['request', 'service', 'error', 'attribute', 'value', 'endpoint', 'format']);
const xmlParser = new XMLParser({ isArray: (name) => listElements.has(name), parseTagValue: false });

/** Parses an Open311 XML body; list elements are always arrays, values stay text. */
export function parseXml(body: string): Record<string, unknown> {
  if (!body.startsWith('<?xml version="1.0" encoding="utf-8"?>')) throw new Error(`no XML declaration: ${body.slice(0, 60)}`);
  return xmlParser.parse(body) as Record<string, unknown>;
}

/** 鼎立社区 with 鼎立小区A区 (14 buildings) and 鼎立小区B区 (10), at the demo's coordinates. */
export async function buildDingli(db: Db, city: TestCity) {
  const s = uniqueSuffix();
  const cityId = city.city.id;
  const [community] = await db.insert(communities).values({
    cityId, districtId: city.district.id, streetId: city.street.id, name: '鼎立社区', address: '开封市鼓楼区州桥街道鼎立路18号', lat: 34.7912, lng: 114.3489,
  }).returning();
  const [company] = await db.insert(propertyCompanies).values({ cityId, name: `开封鸿翔物业服务有限公司${s}`, shortName: '鸿翔物业' }).returning();
  const [a, b] = await db.insert(compounds).values([
    { communityId: community!.id, cityId, name: '鼎立小区A区', aliases: ['鼎立A区', '鼎立小区A'], address: '开封市鼓楼区鼎立路18号', lat: 34.7918, lng: 114.3481, propertyCompanyId: company!.id },
    { communityId: community!.id, cityId, name: '鼎立小区B区', aliases: ['鼎立B区', '鼎立小区B'], address: '开封市鼓楼区鼎立路26号', lat: 34.7901, lng: 114.3502, propertyCompanyId: company!.id },
  ]).returning();
  const names = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}号楼`);
  const rows = await db.insert(buildings).values([
    ...names(14).map((name) => ({ communityId: community!.id, compoundId: a!.id, name })),
    ...names(10).map((name) => ({ communityId: community!.id, compoundId: b!.id, name })),
  ]).returning();
  const [committee] = await db.insert(organisations).values({ cityId, communityId: community!.id, kind: 'residents_committee', name: '鼎立社区居民委员会' }).returning();
  const buildingOf = (compoundId: number, name: string) => rows.find((r) => r.compoundId === compoundId && r.name === name)!;
  return { community: community!, company: company!, compoundA: a!, compoundB: b!, committee: committee!, buildingOf };
}

/** A test community, its categories and a 鼎立社区 next to it, all in one fresh city. */
export async function buildOpen311City(db: Db) {
  const home = await buildCommunity(db);
  const categories = await ensureDefaultCategories(db, home.city.id);
  const dingli = await buildDingli(db, home);
  return { ...home, categories, dingli };
}

export type Open311City = Awaited<ReturnType<typeof buildOpen311City>>;

type Category = typeof requestCategories.$inferSelect;

/** Inserts request rows directly: tests need states and ages that filing cannot give at once. */
export async function insertRequests(db: Db, c: TestCommunity, category: Category, rows: { state?: RequestState; createdAt: Date; description?: string; extra?: Partial<typeof serviceRequests.$inferInsert> }[]) {
  const values = rows.map((r) => ({
    communityId: c.community.id, cityId: c.city.id, districtId: c.district.id, streetId: c.street.id, compoundId: c.compound.id,
    categoryId: category.id, description: r.description ?? '楼道灯不亮', locationKind: 'stairwell' as const, state: r.state ?? 'submitted',
    source: 'seed' as const, createdAt: r.createdAt, updatedAt: r.createdAt,
    respondDueAt: new Date(r.createdAt.getTime() + 3600_000), resolveDueAt: new Date(r.createdAt.getTime() + 86_400_000), ...r.extra,
  }));
  const out: { id: number }[] = [];
  for (let i = 0; i < values.length; i += 500) {
    out.push(...await db.insert(serviceRequests).values(values.slice(i, i + 500)).returning({ id: serviceRequests.id }));
  }
  return out.map((r) => r.id);
}
