import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { recordFigures, type FigureDelta, type FiguresContributor } from '../../kernel/figures.js';
import type { StationPlace } from './stations.policy.js';

/*
 * The stations' figures family: how much the stations are used (check-outs, incidents) and how
 * much the teams practise (trainings and drills, attendances), per community, company, day —
 * each delta recorded in the transaction of its write and exact against the recount below.
 */

const inCommunities = (ids: number[] | null, column: string) => (ids ? sql`and ${sql.raw(column)} = any(${`{${ids.join(',')}}`}::bigint[])` : sql``);

export const stationFigures: FiguresContributor = {
  family: 'stations',
  description: 'Emergency stations: check-outs, incidents, trainings and drills',
  counters: {
    checkouts: 'Check-outs of equipment or supplies',
    units_out: 'Units checked out',
    incidents: 'Incidents logged by a station',
    drills: 'Trainings and drills held',
    attendances: 'Team members present at trainings and drills',
  },
  daily: ['checkouts', 'incidents'],
  sourceTables: ['station_checkouts', 'station_incidents', 'station_drills', 'station_drill_attendance'],
  recount: (ids) => sql`
    select c.community_id, 0 as compound_id, coalesce(s.company_id, 0) as company_id, '' as dim, (c.checked_out_at at time zone 'Asia/Shanghai')::date as day, 'checkouts' as counter, count(*) as n
      from station_checkouts c join stations s on s.id = c.station_id where true ${inCommunities(ids, 'c.community_id')} group by 1, 2, 3, 4, 5
    union all
    select c.community_id, 0, coalesce(s.company_id, 0), '', (c.checked_out_at at time zone 'Asia/Shanghai')::date, 'units_out', sum(c.quantity)
      from station_checkouts c join stations s on s.id = c.station_id where true ${inCommunities(ids, 'c.community_id')} group by 1, 2, 3, 4, 5
    union all
    select i.community_id, 0, coalesce(s.company_id, 0), '', (i.occurred_at at time zone 'Asia/Shanghai')::date, 'incidents', count(*)
      from station_incidents i join stations s on s.id = i.station_id where true ${inCommunities(ids, 'i.community_id')} group by 1, 2, 3, 4, 5
    union all
    select d.community_id, 0, coalesce(s.company_id, 0), '', (d.held_at at time zone 'Asia/Shanghai')::date, 'drills', count(*)
      from station_drills d join stations s on s.id = d.station_id where true ${inCommunities(ids, 'd.community_id')} group by 1, 2, 3, 4, 5
    union all
    select d.community_id, 0, coalesce(s.company_id, 0), '', (d.held_at at time zone 'Asia/Shanghai')::date, 'attendances', count(*)
      from station_drill_attendance a join station_drills d on d.id = a.drill_id join stations s on s.id = d.station_id
      where true ${inCommunities(ids, 'd.community_id')} group by 1, 2, 3, 4, 5`,
};

/** Adds the station family's deltas for one write (in its transaction). */
export function recordStationFigures(tx: DbOrTx, s: StationPlace, day: Date, counts: Partial<Record<keyof typeof stationFigures.counters, number>>): Promise<void> {
  const deltas: FigureDelta[] = Object.entries(counts).map(([counter, delta]) => ({ communityId: s.communityId, companyId: s.companyId, day, counter, delta: delta! }));
  return recordFigures(tx, stationFigures, deltas);
}
