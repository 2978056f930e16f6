import type { Db } from '../../db/client.js';
import { compounds } from '../places/places.schema.js';
import { criteriaOf, defaultRubric, type ScoreSheet } from './ratings.rubric.js';

/*
 * Test support for the star rating (imports src only): score sheets over the standard rubric,
 * and a compound of one community served by another community's company (a company serving
 * two communities, so two committees assess it).
 */

/** Every criterion at `share` of its points (rounded). */
export function sheet(share: number): ScoreSheet {
  return Object.fromEntries(criteriaOf(defaultRubric).map((c) => [c.key, Math.round(c.points * share)]));
}

export async function serveCompoundIn(db: Db, input: { communityId: number; cityId: number; companyId: number; name: string }) {
  const [row] = await db.insert(compounds).values({ communityId: input.communityId, cityId: input.cityId, name: input.name, address: `${input.name}路1号`, propertyCompanyId: input.companyId }).returning();
  return row!;
}

export const cycleBody = (year: number, over: Record<string, unknown> = {}) => ({
  year, periodFrom: `${year}-01`, periodTo: `${year}-12`, applyBy: `${year + 1}-12-31`, ...over,
});
