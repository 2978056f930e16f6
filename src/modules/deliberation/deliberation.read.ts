import { and, asc, count, desc, eq, inArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { readFigures } from '../../kernel/figures.js';
import { maskName } from '../../shared/mask.js';
import { can, scopeFilter, type Actor } from '../access/access.policy.js';
import { scopeCondition } from '../access/access.sql.js';
import { actorHomes } from '../votes/votes.homes.js';
import { agendaItems, attendees, decisionEvents, decisionRequests, decisions, meetings, meetingTypes, opinions, opinionVersions, topics, type MeetingType } from './deliberation.schema.js';
import { requestStatesOf, visibleMeeting, visibleTopic } from './deliberation.service.js';

/** Chinese names of the meeting types (the figures' dimension codes). */
export const meetingTypeNames: Record<MeetingType, string> = {
  small_bench: '小板凳议事会', public_sentiment: '民情恳谈会', affairs_coordination: '社区事务协调会', public_hearing: '社区工作听证会',
  alliance_joint: '红色物业联盟联席会议', tripartite: '三方会诊', manager_reception: '物业经理接待日',
};

/** Where a list reaches: staff by community/city (company: its compounds), residents their compound and their community's community-wide records. */
async function reach(db: DbOrTx, actor: Actor, t: { communityId: Column; compoundId: Column; cityId: Column }): Promise<SQL> {
  const filter = scopeFilter(actor, 'deliberation:read');
  const parts: SQL[] = [scopeCondition(filter, { community: t.communityId, city: t.cityId, compound: t.compoundId, company: sql`(select property_company_id from compounds c where c.id = ${t.compoundId})` })];
  const homes = (await actorHomes(db, actor)).filter((h) => (filter.ids.household ?? []).includes(h.householdId));
  for (const h of homes) parts.push(sql`(${t.compoundId} = ${h.compoundId} or (${t.compoundId} is null and ${t.communityId} = ${h.communityId}))`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

const masked = (actor: Actor, scope: Parameters<typeof can>[2], name: string) => (can(actor, 'people:read_pii', scope) ? name : maskName(name) ?? '');

export async function listTopics(db: DbOrTx, actor: Actor, q: { communityId?: number; compoundId?: number; page: number; pageSize: number }) {
  const where = and(await reach(db, actor, topics), q.communityId ? eq(topics.communityId, q.communityId) : undefined, q.compoundId ? eq(topics.compoundId, q.compoundId) : undefined);
  const [total] = await db.select({ n: count() }).from(topics).where(where);
  const rows = await db.select({
    t: topics,
    opinions: sql<number>`(select count(*)::int from deliberation_opinions o where o.topic_id = "deliberation_topics"."id")`,
    support: sql<number>`(select count(*)::int from deliberation_opinions o where o.topic_id = "deliberation_topics"."id" and o.stance = 'support')`,
    oppose: sql<number>`(select count(*)::int from deliberation_opinions o where o.topic_id = "deliberation_topics"."id" and o.stance = 'oppose')`,
    place: sql<string>`coalesce((select name from compounds c where c.id = "deliberation_topics"."compound_id"), (select name from communities c where c.id = "deliberation_topics"."community_id"))`,
  }).from(topics).where(where).orderBy(desc(topics.createdAt), desc(topics.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({ ...topicSummary(r.t), placeName: r.place, opinions: Number(r.opinions), support: Number(r.support), oppose: Number(r.oppose) })),
    total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize,
  };
}

function topicSummary(t: typeof topics.$inferSelect) {
  return { id: t.id, communityId: t.communityId, compoundId: t.compoundId, title: t.title, body: t.body, raisedBy: t.raisedBy, opinionsUntil: t.opinionsUntil.toISOString(), createdAt: t.createdAt.toISOString() };
}

/** A topic with its opinions: hidden ones show as hidden to the public, with their original to moderators. */
export async function getTopic(db: DbOrTx, actor: Actor, topicId: number, now: Date) {
  const { topic, scope } = await visibleTopic(db, actor, topicId);
  const moderator = can(actor, 'deliberation:moderate', scope);
  const rows = await db.select().from(opinions).where(eq(opinions.topicId, topicId)).orderBy(asc(opinions.createdAt), asc(opinions.id));
  const versions = moderator && rows.length ? await db.select().from(opinionVersions).where(inArray(opinionVersions.opinionId, rows.map((r) => r.id))).orderBy(asc(opinionVersions.id)) : [];
  const open = now.getTime() < topic.opinionsUntil.getTime();
  const mine = rows.find((r) => r.personId === actor.personId);
  return {
    ...topicSummary(topic), open,
    counts: { support: rows.filter((r) => r.stance === 'support').length, oppose: rows.filter((r) => r.stance === 'oppose').length, suggestion: rows.filter((r) => r.stance === 'suggestion').length },
    opinions: rows.map((r) => {
      const hidden = r.moderation === 'hidden';
      return {
        id: r.id, author: masked(actor, scope, r.authorName), stance: r.stance, body: hidden && !moderator ? null : r.body, hidden, moderationReason: r.moderationReason,
        edited: r.version > 1, updatedAt: r.updatedAt.toISOString(), mine: r.personId === actor.personId,
        history: moderator ? versions.filter((v) => v.opinionId === r.id).map((v) => ({ version: v.version, action: v.action, stance: v.stance, body: v.body, reason: v.reason, at: v.at.toISOString() })) : undefined,
      };
    }),
    myOpinion: mine ? { stance: mine.stance, body: mine.body } : null,
    abilities: { opine: open && can(actor, 'deliberation:opine', scope), moderate: moderator },
  };
}

export async function listMeetings(db: DbOrTx, actor: Actor, q: { communityId?: number; type?: MeetingType[]; page: number; pageSize: number }) {
  const where = and(await reach(db, actor, meetings), q.communityId ? eq(meetings.communityId, q.communityId) : undefined, q.type?.length ? inArray(meetings.type, q.type) : undefined);
  const [total] = await db.select({ n: count() }).from(meetings).where(where);
  const rows = await db.select({
    m: meetings,
    decisions: sql<number>`(select count(*)::int from deliberation_decisions d where d.meeting_id = "deliberation_meetings"."id")`,
    done: sql<number>`(select count(*)::int from deliberation_decisions d where d.meeting_id = "deliberation_meetings"."id" and d.state = 'done')`,
    place: sql<string>`coalesce((select name from compounds c where c.id = "deliberation_meetings"."compound_id"), (select name from communities c where c.id = "deliberation_meetings"."community_id"))`,
  }).from(meetings).where(where).orderBy(desc(meetings.scheduledAt), desc(meetings.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({ ...meetingSummary(r.m), placeName: r.place, decisions: Number(r.decisions), decisionsDone: Number(r.done) })),
    total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize,
  };
}

function meetingSummary(m: typeof meetings.$inferSelect) {
  return {
    id: m.id, communityId: m.communityId, compoundId: m.compoundId, type: m.type, typeName: meetingTypeNames[m.type], title: m.title, location: m.location,
    scheduledAt: m.scheduledAt.toISOString(), state: m.state, heldAt: m.heldAt?.toISOString() ?? null, attendance: m.attendance, invitedParties: m.invitedParties, invitedOthers: m.invitedOthers,
  };
}

/** The public record of a meeting: agenda, attendance, minutes, decisions and their progress. */
export async function getMeeting(db: DbOrTx, actor: Actor, meetingId: number) {
  const { meeting, scope } = await visibleMeeting(db, actor, meetingId);
  const [agenda, people, ds] = await Promise.all([
    db.select({ id: topics.id, title: topics.title, position: agendaItems.position, opinions: sql<number>`(select count(*)::int from deliberation_opinions o where o.topic_id = "deliberation_topics"."id")` })
      .from(agendaItems).innerJoin(topics, eq(topics.id, agendaItems.topicId)).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position)),
    db.select().from(attendees).where(eq(attendees.meetingId, meetingId)).orderBy(asc(attendees.id)),
    db.select().from(decisions).where(eq(decisions.meetingId, meetingId)).orderBy(asc(decisions.id)),
  ]);
  const links = ds.length ? await db.select().from(decisionRequests).where(inArray(decisionRequests.decisionId, ds.map((d) => d.id))) : [];
  const events = ds.length ? await db.select().from(decisionEvents).where(inArray(decisionEvents.subjectId, ds.map((d) => d.id))).orderBy(asc(decisionEvents.at), asc(decisionEvents.id)) : [];
  const states = await requestStatesOf(db, links.map((l) => l.requestId));
  const convener = can(actor, 'deliberation:convene', scope);
  const bySide = new Map<string, number>();
  for (const a of people) bySide.set(a.side, (bySide.get(a.side) ?? 0) + 1);
  return {
    ...meetingSummary(meeting), minutes: meeting.minutes,
    agenda: agenda.map((a) => ({ topicId: a.id, title: a.title, position: a.position, opinions: Number(a.opinions) })),
    attendees: convener ? people.map((a) => ({ name: a.name, side: a.side })) : [],
    attendanceBySide: Object.fromEntries(bySide),
    decisions: ds.map((d) => ({
      id: d.id, title: d.title, detail: d.detail, ownerName: d.ownerName, ownerParty: d.ownerParty, dueDate: d.dueDate, state: d.state, doneAt: d.doneAt?.toISOString() ?? null,
      requests: links.filter((l) => l.decisionId === d.id).map((l) => ({ requestId: l.requestId, state: states.get(l.requestId) ?? 'unknown' })),
      progress: events.filter((e) => e.subjectId === d.id).map((e) => ({ at: e.at.toISOString(), action: e.action, toState: e.toState, note: e.note })),
    })),
    abilities: { recordMinutes: convener && meeting.state === 'scheduled', decide: convener && meeting.state === 'held', follow: convener, spawnRequest: convener && can(actor, 'requests:dispatch', scope) },
  };
}

export interface CommunityCounts {
  communityId: number;
  communityName: string;
  meetings: number;
  meetingsByType: Record<string, number>;
  opinions: number;
  personTimes: number;
  decisions: number;
  decisionsDone: number;
  /** Xiangyang's sentence: 召开小板凳议事会5次，收集意见建议138条… */
  sentence: string;
}

/** Counts per community from the figures (exact against the recount), with the sentence the reports write. */
export async function deliberationCounts(db: DbOrTx, actor: Actor, q: { communityId?: number; from?: string; to?: string }): Promise<CommunityCounts[]> {
  return (await deliberationCountsWithMonths(db, actor, q)).items;
}

export interface MonthCounts { month: string; meetings: number; opinions: number; personTimes: number; decisions: number; decisionsDone: number }

/** The counts per community, and month by month over all of them (for the chart). */
export async function deliberationCountsWithMonths(db: DbOrTx, actor: Actor, q: { communityId?: number; from?: string; to?: string }): Promise<{ items: CommunityCounts[]; months: MonthCounts[] }> {
  const filter = scopeFilter(actor, 'deliberation:read');
  const communities = await queryRows<{ id: number; name: string }>(db, sql`select id, name from communities c where ${filter.all ? sql`true` : or(
    sql`c.id = any(${`{${(filter.ids.community ?? []).join(',')}}`}::bigint[])`, sql`c.city_id = any(${`{${(filter.ids.city ?? []).join(',')}}`}::bigint[])`,
    sql`c.district_id = any(${`{${(filter.ids.district ?? []).join(',')}}`}::bigint[])`, sql`c.street_id = any(${`{${(filter.ids.street ?? []).join(',')}}`}::bigint[])`)}
    ${q.communityId ? sql`and c.id = ${q.communityId}` : sql``} order by c.id limit 500`);
  const list = communities.map((r) => ({ id: Number(r.id), name: r.name }));
  if (list.length === 0) return { items: [], months: [] };
  const rows = await readFigures(db, { family: 'deliberation', level: 'community', areaIds: list.map((c) => c.id), from: q.from, to: q.to, by: ['area', 'dim'] });
  const monthly = await readFigures(db, { family: 'deliberation', level: 'community', areaIds: list.map((c) => c.id), from: q.from, to: q.to, by: ['month'] });
  const months = [...new Set(monthly.map((r) => r.month!))].sort().map((month) => {
    const of = (counter: string) => monthly.filter((r) => r.month === month && r.counter === counter).reduce((s, r) => s + r.n, 0);
    return { month, meetings: of('meetings'), opinions: of('opinions'), personTimes: of('person_times'), decisions: of('decisions'), decisionsDone: of('decisions_done') };
  });
  const items = list.map((c) => {
    const mine = rows.filter((r) => r.areaId === c.id);
    const sum = (counter: string) => mine.filter((r) => r.counter === counter).reduce((s, r) => s + r.n, 0);
    const meetingsByType: Record<string, number> = {};
    for (const r of mine.filter((x) => x.counter === 'meetings')) meetingsByType[r.dim!] = r.n;
    const held = meetingTypes.filter((t) => meetingsByType[t]).map((t) => `${meetingTypeNames[t]}${meetingsByType[t]}次`);
    const counts = { meetings: sum('meetings'), opinions: sum('opinions'), personTimes: sum('person_times'), decisions: sum('decisions'), decisionsDone: sum('decisions_done') };
    const sentence = `${c.name}召开${held.length ? held.join('、') : '议事协商会议0次'}，收集意见建议${counts.opinions}条，参与${counts.personTimes}人次，形成决定${counts.decisions}项、已办结${counts.decisionsDone}项。`;
    return { communityId: c.id, communityName: c.name, meetingsByType, ...counts, sentence };
  });
  return { items, months };
}
