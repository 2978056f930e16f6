import { sql } from 'drizzle-orm';
import type { FiguresContributor } from '../../kernel/figures.js';

/*
 * Family `dashboard.requests`: requests created per compound and day, for the calendar heat map
 * (the figures module's roll-ups are monthly and stop at the community). Kept like every other
 * family — signed deltas inserted into figures_deltas, folded by the kernel's job — but by
 * statement-level triggers on service_requests (migration `dashboard_request_days`), because a
 * request is created and moved by many modules' services and by bulk loads; an UPDATE that
 * changes neither the community, the compound nor created_at adds nothing.
 */

export const requestDayFigures: FiguresContributor = {
  family: 'dashboard.requests',
  description: '诉求日历: requests created per compound and day (any state)',
  counters: { created: 'Requests created on the day (China Standard Time), in any state' },
  daily: ['created'],
  sourceTables: ['service_requests'],
  recount: (ids) => sql`
    select community_id, compound_id, 0 as company_id, '' as dim, (created_at at time zone 'Asia/Shanghai')::date as day, 'created' as counter, count(*) as n
    from service_requests ${ids ? sql`where community_id = any(${`{${ids.join(',')}}`}::bigint[])` : sql``}
    group by 1, 2, 5`,
};

const insertDeltas = (select: string) => `INSERT INTO figures_deltas (family, community_id, compound_id, company_id, street_id, district_id, city_id, dim, day, counter, delta, daily)
  SELECT 'dashboard.requests', x.community_id, x.compound_id, 0, c.street_id, c.district_id, c.city_id, '', x.day, 'created', sum(x.sign), true
  FROM (${select}) x JOIN communities c ON c.id = x.community_id
  GROUP BY x.community_id, x.compound_id, c.street_id, c.district_id, c.city_id, x.day HAVING sum(x.sign) <> 0`;
const day = (t: string) => `(${t}.created_at AT TIME ZONE 'Asia/Shanghai')::date`;

/** The trigger functions and triggers (the custom migration is this text). */
export function requestDaysTriggerSql(): string[] {
  const fn = (name: string, body: string) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${body};
  RETURN NULL;
END $$`;
  return [
    fn('dashboard_request_days_insert', insertDeltas(`SELECT n.community_id, n.compound_id, ${day('n')} AS day, 1 AS sign FROM new_rows n`)),
    fn('dashboard_request_days_delete', insertDeltas(`SELECT o.community_id, o.compound_id, ${day('o')} AS day, -1 AS sign FROM old_rows o`)),
    fn('dashboard_request_days_update', insertDeltas(`SELECT o.community_id, o.compound_id, ${day('o')} AS day, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.community_id, o.compound_id, o.created_at) IS DISTINCT FROM (n.community_id, n.compound_id, n.created_at)
    UNION ALL SELECT n.community_id, n.compound_id, ${day('n')}, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.community_id, o.compound_id, o.created_at) IS DISTINCT FROM (n.community_id, n.compound_id, n.created_at)`)),
    'CREATE TRIGGER dashboard_request_days_insert AFTER INSERT ON service_requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_request_days_insert()',
    'CREATE TRIGGER dashboard_request_days_delete AFTER DELETE ON service_requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_request_days_delete()',
    'CREATE TRIGGER dashboard_request_days_update AFTER UPDATE ON service_requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_request_days_update()',
  ];
}
