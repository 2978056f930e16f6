import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { notFound } from '../../server/errors.js';
import type { LifePlace } from './community.access.js';

/** Where a new record goes: the community's place, or a compound's (with its company). 404 when missing. */
export async function placeOf(db: DbOrTx, communityId: number, compoundId: number | null | undefined): Promise<LifePlace> {
  const [c] = await queryRows<{ id: number; city_id: number; district_id: number; street_id: number }>(db, sql`
    select id, city_id, district_id, street_id from communities where id = ${communityId}`);
  if (!c) throw notFound('Community', communityId);
  const place: LifePlace = { communityId: Number(c.id), cityId: Number(c.city_id), districtId: Number(c.district_id), streetId: Number(c.street_id), compoundId: null, companyId: null };
  if (compoundId === undefined || compoundId === null) return place;
  const [k] = await queryRows<{ id: number; community_id: number; property_company_id: number | null }>(db, sql`
    select id, community_id, property_company_id from compounds where id = ${compoundId}`);
  if (!k || Number(k.community_id) !== place.communityId) throw notFound('Compound', compoundId);
  return { ...place, compoundId: Number(k.id), companyId: k.property_company_id === null ? null : Number(k.property_company_id) };
}

/** The place of a compound alone (reception days). */
export async function compoundPlace(db: DbOrTx, compoundId: number): Promise<LifePlace> {
  const [k] = await queryRows<{ community_id: number }>(db, sql`select community_id from compounds where id = ${compoundId}`);
  if (!k) throw notFound('Compound', compoundId);
  return placeOf(db, Number(k.community_id), compoundId);
}

/** Names of communities and compounds by id, for presenters. */
export async function placeNames(db: DbOrTx, communityIds: readonly number[], compoundIds: readonly number[]): Promise<{ communities: Map<number, string>; compounds: Map<number, string> }> {
  const list = (ids: readonly number[]) => `{${[...new Set(ids)].join(',')}}`;
  const [cs, ks] = await Promise.all([
    communityIds.length ? queryRows<{ id: number; name: string }>(db, sql`select id, name from communities where id = any(${list(communityIds)}::bigint[])`) : [],
    compoundIds.length ? queryRows<{ id: number; name: string }>(db, sql`select id, name from compounds where id = any(${list(compoundIds)}::bigint[])`) : [],
  ]);
  return { communities: new Map(cs.map((r) => [Number(r.id), r.name])), compounds: new Map(ks.map((r) => [Number(r.id), r.name])) };
}

/** Is this Postgres error (or its cause, as Drizzle wraps it) of the given SQLSTATE? */
export function isPgError(err: unknown, code: string): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | undefined;
  return e?.code === code || e?.cause?.code === code;
}
