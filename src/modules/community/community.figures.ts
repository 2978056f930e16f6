import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { recordFigures, type FiguresContributor } from '../../kernel/figures.js';
import type { ActivityType } from './community.schema.js';

/*
 * The activities' figures family, as Kaifeng's annual sentence counts them: activities held and
 * participant-times (check-ins), per community and type (the dimension), on the activity's day.
 * Each delta is recorded in the transaction of its write; the recount below proves them exact.
 */

const inCommunities = (ids: number[] | null, column: string) => (ids ? sql`and ${sql.raw(column)} = any(${`{${ids.join(',')}}`}::bigint[])` : sql``);

export const activityFigures: FiguresContributor = {
  family: 'community.activities',
  description: 'Community activities held and participant-times, by type (文化共建/党建/节日/其他)',
  counters: {
    activities: 'Activities held (not cancelled), on the day they start',
    participant_times: 'Check-ins to activities (参与人次), on the activity\'s day',
  },
  dimension: 'Activity type: culture, party, festival, other',
  daily: ['activities', 'participant_times'],
  sourceTables: ['activities', 'activity_checkins'],
  recount: (ids) => sql`
    select a.community_id, coalesce(a.compound_id, 0) as compound_id, coalesce(a.company_id, 0) as company_id, a.type as dim,
      (a.starts_at at time zone 'Asia/Shanghai')::date as day, 'activities' as counter, count(*) as n
      from activities a where a.state = 'published' ${inCommunities(ids, 'a.community_id')} group by 1, 2, 3, 4, 5
    union all
    select a.community_id, coalesce(a.compound_id, 0), coalesce(a.company_id, 0), a.type,
      (a.starts_at at time zone 'Asia/Shanghai')::date, 'participant_times', count(*)
      from activity_checkins c join activities a on a.id = c.activity_id where a.state = 'published' ${inCommunities(ids, 'a.community_id')} group by 1, 2, 3, 4, 5`,
};

export interface ActivityFigurePlace { communityId: number; compoundId: number | null; companyId: number | null; type: ActivityType; startsAt: Date }

/** Adds the family's deltas for one write, in its transaction. */
export function recordActivityFigures(tx: DbOrTx, a: ActivityFigurePlace, counts: { activities?: number; participant_times?: number }): Promise<void> {
  return recordFigures(tx, activityFigures, Object.entries(counts).map(([counter, delta]) => ({
    communityId: a.communityId, compoundId: a.compoundId, companyId: a.companyId, dim: a.type, day: a.startsAt, counter, delta: delta!,
  })));
}
