import { sql } from 'drizzle-orm';
import type { FiguresContributor } from '../../kernel/figures.js';

const inCommunities = (column: string, ids: number[] | null) => (ids === null ? sql`true` : sql`${sql.raw(column)} = any(${`{${ids.join(',')}}`}::bigint[])`);
const day = (column: string) => sql.raw(`(${column} at time zone 'Asia/Shanghai')::date`);

/** 协商共治 counts per community, like Xiangyang's sentence: meetings held, opinions collected, person-times, decisions and their follow-up. */
export const deliberationFigures: FiguresContributor = {
  family: 'deliberation',
  description: '协商共治: meetings held by type, opinions collected, attendance (person-times), decisions made and done',
  dimension: 'meeting type code (small_bench, public_sentiment, affairs_coordination, public_hearing, alliance_joint, tripartite, manager_reception); empty for opinions',
  counters: {
    meetings: 'Meetings held (minutes recorded), on the day held',
    opinions: 'Opinions collected on topics (one per person per topic), on the day first written',
    person_times: 'Attendance of the meetings held (人次), on the day held',
    decisions: 'Decisions made by meetings, on the day made',
    decisions_done: 'Decisions followed up until done, on the day done',
  },
  daily: ['meetings'],
  sourceTables: ['deliberation_meetings', 'deliberation_opinions', 'deliberation_decisions'],
  recount: (ids) => sql`
    select community_id, coalesce(compound_id, 0) as compound_id, 0 as company_id, type as dim, ${day('held_at')} as day, 'meetings' as counter, count(*) as n
      from deliberation_meetings where state = 'held' and ${inCommunities('community_id', ids)} group by 1, 2, 4, 5
    union all
    select community_id, coalesce(compound_id, 0), 0, type, ${day('held_at')}, 'person_times', sum(attendance)
      from deliberation_meetings where state = 'held' and ${inCommunities('community_id', ids)} group by 1, 2, 4, 5
    union all
    select o.community_id, coalesce(t.compound_id, 0), 0, '', ${day('o.created_at')}, 'opinions', count(*)
      from deliberation_opinions o join deliberation_topics t on t.id = o.topic_id where ${inCommunities('o.community_id', ids)} group by 1, 2, 5
    union all
    select community_id, coalesce(compound_id, 0), 0, meeting_type, ${day('created_at')}, 'decisions', count(*)
      from deliberation_decisions where ${inCommunities('community_id', ids)} group by 1, 2, 4, 5
    union all
    select community_id, coalesce(compound_id, 0), 0, meeting_type, ${day('done_at')}, 'decisions_done', count(*)
      from deliberation_decisions where state = 'done' and ${inCommunities('community_id', ids)} group by 1, 2, 4, 5`,
};
