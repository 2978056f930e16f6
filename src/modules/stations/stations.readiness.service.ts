import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { loadStation, stationListCondition, type StationRow } from './stations.access.js';
import type { ReadinessDto } from './stations.dto.js';
import { placeNames } from './stations.places.js';
import { scoreReadiness, type ReadinessFacts } from './stations.readiness.js';
import { stations } from './stations.schema.js';
import { loadReadinessFacts } from './stations.snapshot.js';
import { compareZh } from '../../shared/collation.js';

/*
 * Readiness for the station page and the city dashboard. `getStationReadiness` and
 * `listStationReadiness` are this module's contract with the dashboard (kept by name): both check
 * access like every read, both compute from one set-based statement.
 */

export interface ReadinessScope {
  cityId?: number;
  districtId?: number;
  streetId?: number;
  communityId?: number;
}

const emptyFacts = (drillEveryDays: number): ReadinessFacts => ({
  stockHeld: 0, stockStandard: 0, kindsWithStandard: 0, kindsBelow: 0, itemsWithExpiry: 0, expired: 0, itemsWithInspection: 0, inspectionsOverdue: 0,
  rollCall: null, lastDrillAt: null, drillEveryDays,
});

/** Shapes one station's readiness (pure). */
export function presentReadiness(s: Pick<StationRow, 'id' | 'name' | 'communityId' | 'drillEveryDays'>, communityName: string, facts: ReadinessFacts | undefined, now: Date): ReadinessDto {
  const r = scoreReadiness(facts ?? emptyFacts(s.drillEveryDays), now);
  return { stationId: s.id, stationName: s.name, communityId: s.communityId, communityName, score: r.score, parts: r.parts, daysSinceDrill: r.daysSinceDrill, computedAt: now.toISOString() };
}

/** Readiness of the stations with these ids (already access-checked by the caller). */
export async function readinessOf(db: DbOrTx, rows: readonly StationRow[], now: Date): Promise<Map<number, ReadinessDto>> {
  if (rows.length === 0) return new Map();
  const ids = rows.map((r) => r.id);
  const [facts, names] = await Promise.all([
    loadReadinessFacts(db, sql`s.id = any(${`{${ids.join(',')}}`}::bigint[])`, now),
    placeNames(db, rows.map((r) => r.communityId), []),
  ]);
  return new Map(rows.map((r) => [r.id, presentReadiness(r, names.communities.get(r.communityId) ?? '', facts.get(r.id), now)]));
}

/** One station's readiness: one score with its parts (404 outside the actor's reach). */
export async function getStationReadiness({ db, actor, stationId, now = new Date() }: { db: DbOrTx; actor: Actor; stationId: number; now?: Date }): Promise<ReadinessDto> {
  const station = await loadStation(db, actor, stationId, 'stations:read');
  return (await readinessOf(db, [station], now)).get(station.id)!;
}

/**
 * The readiness of every station the actor may read inside the scope (a city, district, street
 * or community), best first, and their average — what the city dashboard ranks.
 */
export async function listStationReadiness({ db, actor, scope = {}, now = new Date() }: { db: DbOrTx; actor: Actor; scope?: ReadinessScope; now?: Date }): Promise<{ items: ReadinessDto[]; averageScore: number | null }> {
  const parts: SQL[] = [await stationListCondition(db, actor)];
  if (scope.cityId !== undefined) parts.push(eq(stations.cityId, scope.cityId));
  if (scope.districtId !== undefined) parts.push(eq(stations.districtId, scope.districtId));
  if (scope.streetId !== undefined) parts.push(eq(stations.streetId, scope.streetId));
  if (scope.communityId !== undefined) parts.push(eq(stations.communityId, scope.communityId));
  const rows = await db.select().from(stations).where(and(...parts)).orderBy(stations.id);
  const dtos = [...(await readinessOf(db, rows, now)).values()];
  dtos.sort((a, b) => b.score - a.score || compareZh(a.stationName, b.stationName) || a.stationId - b.stationId);
  const averageScore = dtos.length ? Math.round((dtos.reduce((s, d) => s + d.score, 0) / dtos.length) * 10) / 10 : null;
  return { items: dtos, averageScore };
}

/** Ids → rows, for callers holding ids only. */
export async function stationRows(db: DbOrTx, ids: readonly number[]): Promise<StationRow[]> {
  return ids.length ? db.select().from(stations).where(inArray(stations.id, [...ids])) : [];
}
