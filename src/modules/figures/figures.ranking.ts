import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { cities } from '../places/places.schema.js';
import type { Ranking, RankingQuery } from './figures.dto.js';
import { rateFigures } from './figures.math.js';
import { checkWindow } from './figures.scope.js';
import { counterSumsSql, countersFromRow, liveRollupSql } from './figures.sql.js';

type Rates = Ranking['items'][number]['rates'];
type RateKey = keyof Rates;

/** Every unit of the level in the city, with its all-category counter sums (LEFT JOIN: units without requests too). */
function unitsSql(level: RankingQuery['level'], cityId: number, window: SQL): SQL {
  const sums = sql.raw(counterSumsSql('t'));
  const filter = sql`t.category_id = 0 AND ${window}`;
  if (level === 'community') {
    return sql`SELECT u.id, u.name, ${sums} FROM communities u
      LEFT JOIN ${sql.raw(liveRollupSql('communityCounts'))} t ON t.community_id = u.id AND ${filter} WHERE u.city_id = ${cityId} GROUP BY u.id, u.name`;
  }
  if (level === 'street') {
    return sql`SELECT u.id, u.name, ${sums} FROM streets u
      LEFT JOIN ${sql.raw(liveRollupSql('communityCounts'))} t ON t.street_id = u.id AND ${filter} WHERE u.city_id = ${cityId} GROUP BY u.id, u.name`;
  }
  return sql`SELECT u.id, u.name, ${sums} FROM districts u
    LEFT JOIN ${sql.raw(liveRollupSql('areaCounts'))} t ON t.level = 'district' AND t.area_id = u.id AND ${filter} WHERE u.city_id = ${cityId} GROUP BY u.id, u.name`;
}

/** Competition ranking (1, 2, 2, 4) by one rate, best first; units without the rate get null. */
export function rankBy<T extends { rates: Rates }>(items: T[], key: RateKey): Map<T, number | null> {
  const ranked = items.filter((i) => i.rates[key] !== null).sort((a, b) => b.rates[key]! - a.rates[key]!);
  const ranks = new Map<T, number | null>(items.map((i) => [i, null]));
  ranked.forEach((item, index) => {
    const previous = ranked[index - 1];
    ranks.set(item, previous && previous.rates[key] === item.rates[key] ? ranks.get(previous)! : index + 1);
  });
  return ranks;
}

/** GET /api/figures/requests/ranking: the city's communities, streets or districts by the three rates. */
export async function getRanking(db: DbOrTx, actor: Actor, query: RankingQuery): Promise<Ranking> {
  const [city] = await db.select({ id: cities.id, name: cities.name }).from(cities).where(eq(cities.id, query.cityId));
  requireAccess(actor, 'figures:read', city && { cityId: city.id }, 'City');
  checkWindow(query.from, query.to);
  const window = sql`${query.from ? sql`t.month >= ${`${query.from}-01`}::date` : sql`true`} AND ${query.to ? sql`t.month <= ${`${query.to}-01`}::date` : sql`true`}`;
  const rows = await queryRows<Record<string, unknown>>(db, unitsSql(query.level, city!.id, window));
  const units = rows.map((r) => {
    const counters = countersFromRow(r);
    return { id: Number(r.id), name: String(r.name), total: counters.total, filed: counters.filed, rates: rateFigures(counters).rates };
  });
  const ranks = { response: rankBy(units, 'response'), resolution: rankBy(units, 'resolution'), satisfaction: rankBy(units, 'satisfaction') };
  const items = units.map((u) => ({ ...u, ranks: { response: ranks.response.get(u)!, resolution: ranks.resolution.get(u)!, satisfaction: ranks.satisfaction.get(u)! } }));
  const order = (r: number | null) => r ?? Number.MAX_SAFE_INTEGER;
  items.sort((a, b) => order(a.ranks[query.sort]) - order(b.ranks[query.sort]) || b.filed - a.filed || a.id - b.id);
  return { city: city!, level: query.level, from: query.from ?? null, to: query.to ?? null, sort: query.sort, items };
}
