import { defineScale } from '../../kernel/scale.js';

/*
 * The dashboard at city scale: no rows of its own (seed:city rebuilds every figures family,
 * `dashboard.requests` among them, from its recount); the scenarios read the whole city's
 * dashboard as its department does, and one district's, street's and community's.
 */

interface DashboardBenchFacts {
  cityId: number;
  dept: string;
  districts: number[];
  streets: number[];
  communities: number[];
}

export const dashboardScale = defineScale<DashboardBenchFacts>({
  benchFacts: async ({ cityId, cityCode, query }) => {
    const ids = async (table: string) => (await query<{ id: number }>(`select id from ${table} where city_id = $1 order by id limit 8`, [cityId])).map((r) => Number(r.id));
    return { cityId, dept: `${cityCode}-dept`, districts: await ids('districts'), streets: await ids('streets'), communities: await ids('communities') };
  },
  benchScenarios: async (facts, login) => {
    const dept = await login(facts.dept);
    const overview = (level: string, id: number) => ({ method: 'GET' as const, path: `/api/dashboard/overview?level=${level}&id=${id}`, headers: dept });
    return [
      {
        key: 'dashboard_city', title: 'dashboard: the whole city (GET /api/dashboard/overview?level=city)', ceiling: 'framework',
        note: 'every registered metric of the city and of each district, 12 monthly trends and the breakdowns, from roll-ups only',
        requests: [overview('city', facts.cityId)],
      },
      {
        key: 'dashboard_levels', title: 'dashboard: districts, streets and communities round-robin (GET /api/dashboard/overview)', ceiling: 'framework',
        note: `${facts.districts.length} districts, ${facts.streets.length} streets, ${facts.communities.length} communities, each with its children`,
        requests: [...facts.districts.map((id) => overview('district', id)), ...facts.streets.map((id) => overview('street', id)), ...facts.communities.map((id) => overview('community', id))],
      },
    ];
  },
});
