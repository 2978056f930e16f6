import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { recordFigures, type FiguresContributor } from '../../kernel/figures.js';
import type { MemberKind } from './members.schema.js';

/*
 * The members' figures family: 微心愿 posted and confirmed, service credited to the ledger, and
 * the registry's approved members by kind (+1 on the day approved, −1 on the day an approved
 * registration leaves or is transferred, so the all-time sum is who is registered now). Each
 * delta is recorded in the transaction of its write; the recount below proves them exact.
 */

const inCommunities = (ids: number[] | null, column: string) => (ids ? sql`and ${sql.raw(column)} = any(${`{${ids.join(',')}}`}::bigint[])` : sql``);
const day = (column: string) => sql.raw(`(${column} at time zone 'Asia/Shanghai')::date`);

export const memberFigures: FiguresContributor = {
  family: 'members',
  description: 'Party members and volunteers: 微心愿 posted and confirmed, service minutes credited, members registered by kind',
  counters: {
    wishes_posted: 'Wishes posted (every wish, whatever became of it), on the day posted',
    wishes_confirmed: 'Wishes fulfilled and confirmed by the resident (or staff), on the day confirmed',
    service_minutes: 'Minutes of service credited to the service ledger (wishes, activity shifts), on the day credited',
    services: 'Services credited to the service ledger (one row per source and person)',
    members: 'Approved registrations (dim = kind): +1 on the day approved, −1 on the day an approved one leaves or is transferred',
  },
  dimension: 'members: the registration kind (self_managed 自管, dual_registered 双报到, volunteer 志愿者); none for the other counters',
  sourceTables: ['wishes', 'service_ledger', 'members'],
  recount: (ids) => sql`
    select w.community_id, w.compound_id, 0 as company_id, '' as dim, ${day('w.created_at')} as day, 'wishes_posted' as counter, count(*) as n
      from wishes w where true ${inCommunities(ids, 'w.community_id')} group by 1, 2, 3, 4, 5
    union all
    select w.community_id, w.compound_id, 0, '', ${day('w.confirmed_at')}, 'wishes_confirmed', count(*)
      from wishes w where w.state = 'confirmed' and w.confirmed_at is not null ${inCommunities(ids, 'w.community_id')} group by 1, 2, 3, 4, 5
    union all
    select l.community_id, 0, 0, '', ${day('l.at')}, 'service_minutes', sum(l.minutes)
      from service_ledger l where true ${inCommunities(ids, 'l.community_id')} group by 1, 2, 3, 4, 5
    union all
    select l.community_id, 0, 0, '', ${day('l.at')}, 'services', count(*)
      from service_ledger l where true ${inCommunities(ids, 'l.community_id')} group by 1, 2, 3, 4, 5
    union all
    select m.community_id, coalesce(m.compound_id, 0), 0, m.kind, ${day('m.approved_at')}, 'members', count(*)
      from members m where m.approved_at is not null ${inCommunities(ids, 'm.community_id')} group by 1, 2, 3, 4, 5
    union all
    select m.community_id, coalesce(m.compound_id, 0), 0, m.kind, ${day('m.closed_at')}, 'members', -count(*)
      from members m where m.approved_at is not null and m.closed_at is not null and m.state in ('left', 'transferred') ${inCommunities(ids, 'm.community_id')} group by 1, 2, 3, 4, 5`,
};

/** A wish posted (+1) or confirmed (+1), in its write's transaction. */
export function recordWishFigure(tx: DbOrTx, w: { communityId: number; compoundId: number }, counter: 'wishes_posted' | 'wishes_confirmed', at: Date): Promise<void> {
  return recordFigures(tx, memberFigures, [{ communityId: w.communityId, compoundId: w.compoundId, day: at, counter, delta: 1 }]);
}

/** A service credited to the ledger (only when the ledger row was inserted). */
export function recordServiceFigure(tx: DbOrTx, s: { communityId: number; minutes: number; at: Date }): Promise<void> {
  return recordFigures(tx, memberFigures, [
    { communityId: s.communityId, day: s.at, counter: 'service_minutes', delta: s.minutes },
    { communityId: s.communityId, day: s.at, counter: 'services', delta: 1 },
  ]);
}

/** An approved registration (+1) or one that stops being approved (−1: left, transferred). */
export function recordMemberFigure(tx: DbOrTx, m: { communityId: number; compoundId: number | null; kind: MemberKind }, delta: 1 | -1, at: Date): Promise<void> {
  return recordFigures(tx, memberFigures, [{ communityId: m.communityId, compoundId: m.compoundId, dim: m.kind, day: at, counter: 'members', delta }]);
}
