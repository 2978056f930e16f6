import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import { accounts, people } from '../accounts/accounts.schema.js';
import { defaultPointsRule, type PointsRule } from './members.ledger.js';
import { memberPosts, members, pointsRules, type MemberKind, type PostKind } from './members.schema.js';

export const kindLabels: Record<MemberKind, string> = { self_managed: '自管党员', dual_registered: '双报到党员', volunteer: '志愿者' };
export const postLabels: Record<PostKind, string> = { responsibility: '党员责任岗', demonstration: '党员示范岗', vanguard: '党员先锋岗' };

export interface Badge {
  memberId: number;
  name: string;
  kind: MemberKind;
  label: string;
  posts: { post: PostKind; label: string; duty: string }[];
}

/** 亮身份 badges of members: name, kind and the posts they hold today (never a phone). */
export async function badgesOf(db: DbOrTx, memberIds: readonly number[], now: Date): Promise<Map<number, Badge>> {
  const ids = [...new Set(memberIds)];
  const out = new Map<number, Badge>();
  if (!ids.length) return out;
  const rows = await db.select({ id: members.id, kind: members.kind, state: members.state, name: people.name }).from(members)
    .innerJoin(people, eq(people.id, members.personId)).where(inArray(members.id, ids));
  for (const r of rows) out.set(r.id, { memberId: r.id, name: r.name, kind: r.kind, label: kindLabels[r.kind], posts: [] });
  const today = shanghaiDate(now);
  const posts = await db.select().from(memberPosts)
    .where(and(inArray(memberPosts.memberId, ids), lte(memberPosts.startsOn, today), or(isNull(memberPosts.endsOn), gte(memberPosts.endsOn, today))));
  // A member who has left or moved holds no post any more (a post ends on the day they go).
  const active = new Set(rows.filter((r) => r.state === 'active').map((r) => r.id));
  for (const p of posts) if (active.has(p.memberId)) out.get(p.memberId)?.posts.push({ post: p.post, label: postLabels[p.post], duty: p.duty });
  return out;
}

export interface PointsRuleRow { communityId: number; minutesPerPoint: number; minPoints: number; wishBonus: number; claimDays: number }

/** The community's points rule, or the default (one point per started half hour, at least one, claims of 7 days). */
export async function pointsRuleOf(db: DbOrTx, communityId: number): Promise<PointsRuleRow> {
  const [row] = await db.select().from(pointsRules).where(eq(pointsRules.communityId, communityId));
  return row ?? { communityId, minutesPerPoint: 30, minPoints: 1, wishBonus: 0, claimDays: 7 };
}

/** The rule as the ledger applies it: points per started block, a floor, and a bonus for a confirmed wish. */
export function pointsRuleFrom(rule: PointsRuleRow): PointsRule {
  if (rule.minutesPerPoint === 30 && rule.minPoints === 1 && rule.wishBonus === 0) return defaultPointsRule;
  return ({ source, minutes }) => Math.max(rule.minPoints, Math.ceil(minutes / rule.minutesPerPoint)) + (source.kind === 'wish' ? rule.wishBonus : 0);
}

/**
 * 亮身份 beyond the members module: the badges of accounts that belong to active members, for a
 * request's handler or an activity's organiser. Only members of communities the actor sees
 * (`visible`) are answered; anyone else is simply not a badge here.
 */
export async function badgesOfAccounts(db: DbOrTx, accountIds: readonly number[], now: Date, visible: (communityId: number) => Promise<boolean>): Promise<{ accountId: number; badge: Badge }[]> {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return [];
  const rows = await db.select({ accountId: accounts.id, memberId: members.id, communityId: members.communityId }).from(accounts)
    .innerJoin(members, and(eq(members.personId, accounts.personId), eq(members.state, 'active'))).where(inArray(accounts.id, ids)).orderBy(asc(members.id));
  const seen = new Map<number, { memberId: number }>();
  for (const r of rows) if (!seen.has(r.accountId) && (await visible(r.communityId))) seen.set(r.accountId, { memberId: r.memberId });
  const badges = await badgesOf(db, [...seen.values()].map((v) => v.memberId), now);
  return [...seen.entries()].flatMap(([accountId, v]) => (badges.has(v.memberId) ? [{ accountId, badge: badges.get(v.memberId)! }] : []));
}
