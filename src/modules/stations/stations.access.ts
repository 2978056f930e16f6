import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { notFound } from '../../server/errors.js';
import { scopeFilter, type Actor, type Permission } from '../access/access.policy.js';
import { scopeCondition } from '../access/access.sql.js';
import { householdScope } from '../places/places.scope.js';
import { canOnStation, householdGrantIds, type HomeCommunities } from './stations.policy.js';
import { stations } from './stations.schema.js';

export type StationRow = typeof stations.$inferSelect;

/** The communities of the actor's homes (household grants carrying the permission), looked up once. */
export async function homeCommunities(db: DbOrTx, actor: Actor, permission: Permission = 'stations:read'): Promise<HomeCommunities> {
  const ids = householdGrantIds(actor, permission);
  const out = new Map<number, number>();
  for (const h of ids) {
    const scope = await householdScope(db, h);
    if (scope?.communityId) out.set(h, scope.communityId);
  }
  return out;
}

/**
 * The station if the actor may use `permission` on it; otherwise 404, the same as a missing
 * one. The first line of every service about one station (or about something of a station).
 */
export async function loadStation(db: DbOrTx, actor: Actor, stationId: number, permission: Permission, lock = false): Promise<StationRow> {
  const query = db.select().from(stations).where(eq(stations.id, stationId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Station', stationId);
  const homes = householdGrantIds(actor, permission).length ? await homeCommunities(db, actor, permission) : undefined;
  if (!canOnStation(actor, permission, row, homes)) throw notFound('Station', stationId);
  return row;
}

/** WHERE condition of the stations an actor may list with `permission`: FALSE without a grant, never everything. */
export async function stationListCondition(db: DbOrTx, actor: Actor, permission: Permission = 'stations:read'): Promise<SQL> {
  const general = scopeCondition(scopeFilter(actor, permission), {
    city: stations.cityId, district: stations.districtId, street: stations.streetId, community: stations.communityId, company: stations.companyId,
  });
  const homes = [...new Set((await homeCommunities(db, actor, permission)).values())];
  return homes.length ? or(general, inArray(stations.communityId, homes))! : general;
}

/** The station a row of one of the module's tables belongs to (by `station_id`), checked like the station. */
export async function loadStationOf(db: DbOrTx, actor: Actor, table: string, rowId: number, permission: Permission, what: string): Promise<StationRow> {
  if (!/^station_[a-z_]+$/.test(table)) throw new Error(`not a station table: ${table}`);
  const [row] = await queryRows<{ station_id: number | string }>(db, sql`select station_id from ${sql.raw(table)} where id = ${rowId}`);
  const stationId = row?.station_id;
  if (stationId === undefined) throw notFound(what, rowId);
  try {
    return await loadStation(db, actor, Number(stationId), permission);
  } catch {
    throw notFound(what, rowId);
  }
}
