import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { buildings, communities, compounds, organisations, propertyCompanies } from '../places/places.schema.js';
import { requestCategories } from '../requests/requests.schema.js';

/**
 * Names and SLA figures the public request list shows beside each request: categories,
 * compounds, buildings, companies, organisations. They are few per city and rarely change, while
 * the list is read hard (1000 rows a call); so they are cached in-process for a minute instead
 * of being joined or looked up on every call. A rename shows after at most a minute.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 100_000;

class NameCache<T extends { id: number }> {
  private entries = new Map<number, { value: T; until: number }>();
  constructor(private load: (db: DbOrTx, ids: number[]) => Promise<T[]>) {}

  async get(db: DbOrTx, ids: number[]): Promise<Map<number, T>> {
    const now = Date.now();
    const found = new Map<number, T>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const hit = this.entries.get(id);
      if (hit && hit.until > now) found.set(id, hit.value);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    if (this.entries.size + missing.length > MAX_ENTRIES) this.entries.clear();
    for (const row of await this.load(db, missing)) {
      this.entries.set(row.id, { value: row, until: now + TTL_MS });
      found.set(row.id, row);
    }
    return found;
  }
}

function namesFor() {
  return {
    categories: new NameCache((db, ids) => db.select({
      id: requestCategories.id, code: requestCategories.code, name: requestCategories.name, respondMinutes: requestCategories.respondMinutes,
      resolveMinutes: requestCategories.resolveMinutes, urgentRespondMinutes: requestCategories.urgentRespondMinutes,
      urgentResolveMinutes: requestCategories.urgentResolveMinutes, businessHours: requestCategories.businessHours,
    }).from(requestCategories).where(inArray(requestCategories.id, ids))),
    compounds: new NameCache((db, ids) => db.select({ id: compounds.id, name: compounds.name, lat: compounds.lat, lng: compounds.lng, communityName: communities.name })
      .from(compounds).innerJoin(communities, eq(communities.id, compounds.communityId)).where(inArray(compounds.id, ids))),
    buildings: new NameCache((db, ids) => db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(inArray(buildings.id, ids))),
    companies: new NameCache((db, ids) => db.select({ id: propertyCompanies.id, name: propertyCompanies.name }).from(propertyCompanies).where(inArray(propertyCompanies.id, ids))),
    organisations: new NameCache((db, ids) => db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids))),
  };
}

export type Names = ReturnType<typeof namesFor>;

// Keyed by the database handle, so two databases in one process (tests) never share ids.
const byDatabase = new WeakMap<object, Names>();

export function namesOf(db: DbOrTx): Names {
  let names = byDatabase.get(db);
  if (!names) byDatabase.set(db, (names = namesFor()));
  return names;
}
