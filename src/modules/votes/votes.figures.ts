import { sql } from 'drizzle-orm';
import type { FiguresContributor } from '../../kernel/figures.js';

const inCommunities = (column: string, ids: number[] | null) => (ids === null ? sql`true` : sql`${sql.raw(column)} = any(${`{${ids.join(',')}}`}::bigint[])`);
const day = (column: string) => sql.raw(`(${column} at time zone 'Asia/Shanghai')::date`);

/** Owners' votes: opened and closed votes, ballots cast, matters passed and failed — by community, compound and day. */
export const votesFigures: FiguresContributor = {
  family: 'votes',
  description: '业主共同决定: votes opened and closed, ballots cast, matters passed and failed',
  counters: {
    opened: 'Votes opened (the electorate fixed), on the day they opened',
    closed: 'Votes closed (the tally final), on the day they closed',
    ballots: 'Ballots cast, online or entered from paper, on the day cast',
    matters_passed: 'Matters that passed at the close of their vote',
    matters_failed: 'Matters that failed at the close of their vote',
  },
  daily: ['ballots'],
  sourceTables: ['votes', 'vote_ballots', 'vote_results'],
  recount: (ids) => sql`
    select community_id, compound_id, 0 as company_id, '' as dim, ${day('opened_at')} as day, 'opened' as counter, count(*) as n
      from votes where opened_at is not null and ${inCommunities('community_id', ids)} group by 1, 2, 5
    union all
    select community_id, compound_id, 0, '', ${day('closed_at')}, 'closed', count(*)
      from votes where closed_at is not null and ${inCommunities('community_id', ids)} group by 1, 2, 5
    union all
    select b.community_id, v.compound_id, 0, '', ${day('b.cast_at')}, 'ballots', count(*)
      from vote_ballots b join votes v on v.id = b.vote_id where ${inCommunities('b.community_id', ids)} group by 1, 2, 5
    union all
    select r.community_id, v.compound_id, 0, '', ${day('r.decided_at')}, case when r.passed then 'matters_passed' else 'matters_failed' end, count(*)
      from vote_results r join votes v on v.id = r.vote_id where ${inCommunities('r.community_id', ids)} group by 1, 2, 5, 6`,
};
