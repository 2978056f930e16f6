import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';

/*
 * The electorate of a vote, fixed when it opens (法释〔2009〕7号 art. 9): one head per exclusive
 * unit, except that all units of one owner are one head and all units the developer still holds
 * are one head together; a voter's area is the sum of their units' registered areas.
 *
 * The register read here is places' households (households.area_m2 is the registered exclusive
 * area: source 'register') and accounts' household_members (who owns each unit). A unit with no
 * owner or co-owner registered is taken as still held by the developer (unsold, or sold but not
 * delivered). Parking spaces come from this module's parking_spaces when the vote counts them.
 * (The SQL reads the places and accounts tables directly: a `householdRegister(compoundId)`
 * service of places would be the proper seam; see the report.)
 */

export interface RegisterUnit {
  householdId: number | null;
  parkingSpaceId: number | null;
  buildingId: number | null;
  buildingName: string;
  label: string;
  areaHundredths: number;
  areaSource: 'register' | 'survey' | 'contract';
  /** The unit's owner (relation 'owner', else the first co-owner); null: the developer's. */
  ownerPersonId: number | null;
  /** Owners and co-owners registered on the unit. */
  personIds: number[];
}

export interface ElectorateVoter {
  voterKey: string;
  holder: 'owner' | 'developer';
  personId: number | null;
  heads: number;
  areaHundredths: number;
  units: RegisterUnit[];
}

/**
 * The register query of one compound (id inlined: an integer, checked), shared by openVote and the
 * city generator: a unit's owner is its 'owner' member, else its first co-owner; none: the developer's.
 */
export function registerSql(compoundId: number): string {
  if (!Number.isSafeInteger(compoundId) || compoundId <= 0) throw new Error(`registerSql: not an id: ${compoundId}`);
  return `
    select h.id as household_id, h.building_id, b.name as building_name, b.name || u.name || h.number as label,
      round(h.area_m2 * 100)::bigint as area,
      (select string_agg(m.person_id::text, ',' order by (m.relation = 'owner') desc, m.person_id) from household_members m
        where m.household_id = h.id and m.relation in ('owner', 'co_owner')) as persons,
      (select m.person_id from household_members m where m.household_id = h.id and m.relation in ('owner', 'co_owner')
        order by (m.relation = 'owner') desc, m.person_id limit 1) as owner
    from households h join buildings b on b.id = h.building_id join building_units u on u.id = h.unit_id
    where h.compound_id = ${compoundId}
    order by b.id, u.id, h.number`;
}

export type RegisterRow = { household_id: number | string; building_id: number | string; building_name: string; label: string; area: string | number; persons: string | null; owner: number | string | null };

/** Rows of registerSql as units. */
export function unitsOf(rows: readonly RegisterRow[]): RegisterUnit[] {
  return rows.map((r) => ({
    householdId: Number(r.household_id), parkingSpaceId: null, buildingId: Number(r.building_id), buildingName: r.building_name, label: r.label,
    areaHundredths: Number(r.area), areaSource: 'register' as const, ownerPersonId: r.owner === null ? null : Number(r.owner),
    personIds: r.persons ? r.persons.split(',').map(Number) : [],
  }));
}

/** The register of a compound's exclusive units, in address order (and its parking spaces when the vote counts them). */
export async function readRegister(db: DbOrTx, compoundId: number, countParking: boolean): Promise<RegisterUnit[]> {
  const units = unitsOf(await queryRows<RegisterRow>(db, sql.raw(registerSql(compoundId))));
  if (countParking) {
    const spaces = await queryRows<{ id: number; number: string; area: number; source: RegisterUnit['areaSource']; owner: number | null }>(db, sql`
      select id, number, area_hundredths as area, area_source as source, owner_person_id as owner from parking_spaces where compound_id = ${compoundId} order by number`);
    for (const s of spaces) {
      units.push({
        householdId: null, parkingSpaceId: Number(s.id), buildingId: null, buildingName: '车位', label: `车位${s.number}`, areaHundredths: Number(s.area),
        areaSource: s.source, ownerPersonId: s.owner === null ? null : Number(s.owner), personIds: s.owner === null ? [] : [Number(s.owner)],
      });
    }
  }
  return units;
}

/**
 * A unit's pseudonym in the export (16 hex digits, HMAC under the vote's secret). The chain names
 * units by it, not by their address: the ballots carry answers by voterKey, and an address next
 * to a voterKey would tell everyone how that flat voted. Each owner is shown their own units'
 * keys (GET /api/votes/{id}), so they can find themselves in the export.
 */
export function unitKeyOf(secret: string, unit: { householdId: number | null; parkingSpaceId: number | null }): string {
  const subject = unit.householdId !== null ? `household:${unit.householdId}` : `parking:${unit.parkingSpaceId}`;
  return createHmac('sha256', secret).update(`unit/${subject}`).digest('hex').slice(0, 16);
}

/** The chain entry that fixes the electorate (docs/VERIFY.md, vote): no names or addresses — pseudonyms, heads, areas. */
export function electorateEntry(voters: readonly ElectorateVoter[], countParking: boolean, secret: string) {
  return {
    type: 'electorate', areaSource: 'register', countParking,
    totalAreaHundredths: voters.reduce((s, v) => s + v.areaHundredths, 0), totalHeads: voters.reduce((s, v) => s + v.heads, 0),
    voters: voters.map((v) => ({ voterKey: v.voterKey, heads: v.heads, areaHundredths: v.areaHundredths, units: v.units.map((u) => unitKeyOf(secret, u)) })),
  };
}

/** The voter's pseudonym: HMAC-SHA256 of who they are under the vote's secret (24 hex digits). */
export function voterKeyOf(secret: string, who: { holder: 'owner'; personId: number } | { holder: 'developer' }): string {
  const subject = who.holder === 'developer' ? 'developer' : `person:${who.personId}`;
  return createHmac('sha256', secret).update(subject).digest('hex').slice(0, 24);
}

/** Groups units into voters (pure): one head per owner, one for the developer's units together. */
export function groupElectorate(units: readonly RegisterUnit[], secret: string): ElectorateVoter[] {
  const voters = new Map<string, ElectorateVoter>();
  for (const unit of units) {
    const who = unit.ownerPersonId === null ? { holder: 'developer' as const } : { holder: 'owner' as const, personId: unit.ownerPersonId };
    const id = who.holder === 'developer' ? 'developer' : `p${who.personId}`;
    let voter = voters.get(id);
    if (!voter) {
      voter = { voterKey: voterKeyOf(secret, who), holder: who.holder, personId: who.holder === 'owner' ? who.personId : null, heads: 1, areaHundredths: 0, units: [] };
      voters.set(id, voter);
    }
    voter.areaHundredths += unit.areaHundredths;
    voter.units.push(unit);
  }
  return [...voters.values()];
}

/**
 * Who may cast each voter's ballot: the owner themselves, and a co-owner who owns no unit of their
 * own (a person is tied to one voter only, so one person can never cast twice).
 */
export function castersOf(voters: readonly ElectorateVoter[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const v of voters) if (v.personId !== null) out.set(v.personId, v.voterKey);
  for (const v of voters) for (const u of v.units) for (const p of u.personIds) if (!out.has(p)) out.set(p, v.voterKey);
  return out;
}
