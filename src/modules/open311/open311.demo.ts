import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { DemoSeeder } from '../../kernel/demo.js';
import { cities, communities, organisations } from '../places/places.schema.js';
import { ensureDefaultCategories } from '../requests/requests.categories.js';
import { hashApiKey } from './open311.keys.js';
import { issueApiKey } from './open311.keys.service.js';
import { open311ApiKeys } from './open311.schema.js';

/** The well-known demo api_key (README, docs/api/open311.md): files requests in 鼎立社区 only. */
export const DEMO_OPEN311_KEY = 'demo-open311-key';

/**
 * Issues `demo-open311-key` to 鼎立社区居民委员会 in Kaifeng and makes sure the city has its
 * service categories. Idempotent, so it is safe on a database that already has the demo.
 */
export async function seedOpen311Demo(db: DbOrTx): Promise<void> {
  const [committee] = await db.select({ id: organisations.id, cityId: organisations.cityId }).from(organisations)
    .innerJoin(communities, eq(communities.id, organisations.communityId))
    .innerJoin(cities, eq(cities.id, organisations.cityId))
    .where(and(eq(cities.code, 'kaifeng'), eq(communities.name, '鼎立社区'), eq(organisations.kind, 'residents_committee')));
  if (!committee) return;
  await ensureDefaultCategories(db, committee.cityId);
  const [existing] = await db.select({ id: open311ApiKeys.id }).from(open311ApiKeys).where(eq(open311ApiKeys.keyHash, hashApiKey(DEMO_OPEN311_KEY)));
  if (existing) return;
  await issueApiKey(db, null, { organisationId: committee.id, label: '演示密钥 · 鼎立社区居民委员会', key: DEMO_OPEN311_KEY });
}

export const seedOpen311: DemoSeeder = ({ db }) => seedOpen311Demo(db);
