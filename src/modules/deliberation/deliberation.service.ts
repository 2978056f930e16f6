import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../../db/client.js';
import { recordFigures } from '../../kernel/figures.js';
import { appendTimeline, moveState } from '../../kernel/workflow.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { finishedRequestStates } from '../../shared/request-states.js';
import { can, type Actor, type ResourceScope } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { compoundScope, communityScope } from '../places/places.scope.js';
import { fileRequest } from '../requests/requests.service.js';
import { placeScopeFor } from '../votes/votes.homes.js';
import { DeliberationErrors } from './deliberation.errors.js';
import { deliberationFigures } from './deliberation.figures.js';
import {
  agendaItems, attendees, decisionEvents, decisionRequests, decisions, meetings, opinions, opinionVersions, topics,
  type attendeeSides, type MeetingType, type parties, type stances,
} from './deliberation.schema.js';

export interface Place { communityId: number; compoundId: number | null }

/** The place of a new record: a compound (with its community) or a whole community, checked to exist and agree. */
export async function resolvePlace(db: DbOrTx, input: { communityId?: number; compoundId?: number | null }): Promise<Place & { cityId: number }> {
  if (input.compoundId) {
    const s = await compoundScope(db, input.compoundId);
    if (!s || (input.communityId && s.communityId !== input.communityId)) throw notFound('Compound');
    return { communityId: s.communityId, compoundId: input.compoundId, cityId: s.cityId };
  }
  if (!input.communityId) throw new AppError(DeliberationErrors.DELIBERATION_PLACE_INVALID, 'A community or a compound is required', { fields: ['communityId', 'compoundId'] });
  const s = await communityScope(db, input.communityId);
  if (!s) throw notFound('Community');
  return { communityId: input.communityId, compoundId: null, cityId: s.cityId! };
}

async function scopeOf(db: DbOrTx, actor: Actor, place: Place): Promise<ResourceScope | undefined> {
  return placeScopeFor(db, actor, place);
}

/** Which hat raised a topic, from the actor's grants over its place. */
function raiserKind(actor: Actor, scope: ResourceScope): (typeof topics.$inferInsert)['raisedBy'] {
  const covers = (role: string) => actor.grants.some((g) => g.role === role && can({ ...actor, grants: [g] }, 'deliberation:raise', scope));
  if (covers('owners_committee')) return 'owners_committee';
  if (covers('community_staff') || covers('party_committee')) return 'community';
  if (covers('property_staff')) return 'property_company';
  return 'resident';
}

export async function raiseTopic({ db, actor, input, now }: { db: Db; actor: Actor; now: Date; input: { communityId?: number; compoundId?: number | null; title: string; body: string; opinionsUntil: Date } }): Promise<number> {
  const place = await resolvePlace(db, input);
  const scope = await scopeOf(db, actor, place);
  requireAccess(actor, 'deliberation:raise', scope, 'Community');
  if (input.opinionsUntil.getTime() <= now.getTime()) throw new AppError(DeliberationErrors.DELIBERATION_DUE_INVALID, 'The opinion period must end in the future', { field: 'opinionsUntil' });
  const [row] = await db.insert(topics).values({
    communityId: place.communityId, cityId: place.cityId, compoundId: place.compoundId, title: input.title, body: input.body,
    raisedBy: raiserKind(actor, scope), raisedByAccountId: actor.accountId, opinionsUntil: input.opinionsUntil, createdAt: now,
  }).returning({ id: topics.id });
  return row!.id;
}

export async function visibleTopic(db: DbOrTx, actor: Actor, topicId: number, permission = 'deliberation:read') {
  const [topic] = await db.select().from(topics).where(eq(topics.id, topicId));
  const scope = topic ? await scopeOf(db, actor, topic) : undefined;
  requireAccess(actor, permission, scope, 'Topic');
  return { topic: topic!, scope };
}

/**
 * Writes the actor's one opinion on the topic, or edits it while the period is open. The unique
 * (topic, person) index makes two first writes at once one opinion; every text is kept.
 */
export async function writeOpinion({ db, actor, topicId, stance, body, now }: { db: Db; actor: Actor; topicId: number; stance: (typeof stances)[number]; body: string; now: Date }): Promise<{ opinionId: number; version: number }> {
  const { topic } = await visibleTopic(db, actor, topicId, 'deliberation:opine');
  if (now.getTime() >= topic.opinionsUntil.getTime()) throw new AppError(DeliberationErrors.DELIBERATION_PERIOD_CLOSED, 'The period for opinions on this topic has closed', { opinionsUntil: topic.opinionsUntil.toISOString() });
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(opinions).values({ topicId, communityId: topic.communityId, personId: actor.personId, authorName: actor.name, stance, body, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: [opinions.topicId, opinions.personId] }).returning();
    let row = created;
    if (created) {
      await recordFigures(tx, deliberationFigures, [{ communityId: topic.communityId, compoundId: topic.compoundId, day: now, counter: 'opinions', delta: 1 }]);
    } else {
      // The row is locked by the update; a concurrent edit waits and then edits the next version.
      [row] = await tx.update(opinions).set({ stance, body, version: sql`${opinions.version} + 1`, updatedAt: now })
        .where(and(eq(opinions.topicId, topicId), eq(opinions.personId, actor.personId))).returning();
    }
    await tx.insert(opinionVersions).values({ opinionId: row!.id, communityId: topic.communityId, version: row!.version, action: created ? 'written' : 'edited', stance, body, byAccountId: actor.accountId, at: now });
    return { opinionId: row!.id, version: row!.version };
  });
}

/** Hides an opinion from the public record (or shows it again); the original text stays in its versions. */
export async function moderateOpinion({ db, actor, topicId, opinionId, action, reason, now }: { db: Db; actor: Actor; topicId: number; opinionId: number; action: 'hide' | 'restore'; reason: string; now: Date }): Promise<void> {
  await visibleTopic(db, actor, topicId, 'deliberation:moderate');
  await db.transaction(async (tx) => {
    const [row] = await tx.update(opinions).set({ moderation: action === 'hide' ? 'hidden' : 'visible', moderationReason: action === 'hide' ? reason : null, version: sql`${opinions.version} + 1`, updatedAt: now })
      .where(and(eq(opinions.id, opinionId), eq(opinions.topicId, topicId))).returning();
    if (!row) throw notFound('Opinion');
    await tx.insert(opinionVersions).values({ opinionId, communityId: row.communityId, version: row.version, action: action === 'hide' ? 'hidden' : 'restored', stance: row.stance, body: row.body, reason, byAccountId: actor.accountId, at: now });
  });
}

export interface ScheduleInput {
  communityId?: number;
  compoundId?: number | null;
  type: MeetingType;
  title: string;
  location: string;
  scheduledAt: Date;
  invitedParties: (typeof parties)[number][];
  invitedOthers?: string;
  agendaTopicIds: number[];
}

export async function scheduleMeeting({ db, actor, input, now }: { db: Db; actor: Actor; input: ScheduleInput; now: Date }): Promise<number> {
  const place = await resolvePlace(db, input);
  requireAccess(actor, 'deliberation:convene', await scopeOf(db, actor, place), 'Community');
  const agenda = input.agendaTopicIds.length ? await db.select({ id: topics.id, communityId: topics.communityId }).from(topics).where(inArray(topics.id, input.agendaTopicIds)) : [];
  const foreign = input.agendaTopicIds.filter((id) => !agenda.some((t) => t.id === id && t.communityId === place.communityId));
  if (foreign.length) throw new AppError(DeliberationErrors.DELIBERATION_TOPIC_INVALID, 'Agenda topics must be topics of the meeting\'s community', { topicIds: foreign });
  return db.transaction(async (tx) => {
    const [m] = await tx.insert(meetings).values({
      communityId: place.communityId, cityId: place.cityId, compoundId: place.compoundId, type: input.type, title: input.title, location: input.location,
      scheduledAt: input.scheduledAt, invitedParties: [...new Set(input.invitedParties)], invitedOthers: input.invitedOthers ?? '', createdByAccountId: actor.accountId, createdAt: now, updatedAt: now,
    }).returning({ id: meetings.id });
    if (input.agendaTopicIds.length) await tx.insert(agendaItems).values(input.agendaTopicIds.map((topicId, i) => ({ meetingId: m!.id, communityId: place.communityId, topicId, position: i + 1 })));
    return m!.id;
  });
}

export async function visibleMeeting(db: DbOrTx, actor: Actor, meetingId: number, permission = 'deliberation:read') {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  const scope = meeting ? await scopeOf(db, actor, meeting) : undefined;
  requireAccess(actor, permission, scope, 'Meeting');
  return { meeting: meeting!, scope };
}

/** Records the minutes and attendance once: the meeting is then held (counted in the figures). */
export async function recordMinutes({ db, actor, meetingId, input, now }: { db: Db; actor: Actor; meetingId: number; now: Date; input: { minutes: string; heldAt: Date; attendees: { name: string; side: (typeof attendeeSides)[number] }[]; otherAttendance: number } }): Promise<void> {
  const { meeting } = await visibleMeeting(db, actor, meetingId, 'deliberation:convene');
  if (meeting.state === 'held') throw new AppError(DeliberationErrors.DELIBERATION_MINUTES_RECORDED, 'The minutes of this meeting are already recorded', { meetingId });
  const attendance = input.attendees.length + input.otherAttendance;
  await db.transaction(async (tx) => {
    await moveState(tx, meetings, meeting, 'held', { now, staleCode: DeliberationErrors.DELIBERATION_MINUTES_RECORDED, what: 'meeting', patch: { minutes: input.minutes, heldAt: input.heldAt, attendance } });
    if (input.attendees.length) await tx.insert(attendees).values(input.attendees.map((a) => ({ meetingId, communityId: meeting.communityId, name: a.name, side: a.side })));
    await recordFigures(tx, deliberationFigures, [
      { communityId: meeting.communityId, compoundId: meeting.compoundId, dim: meeting.type, day: input.heldAt, counter: 'meetings', delta: 1 },
      { communityId: meeting.communityId, compoundId: meeting.compoundId, dim: meeting.type, day: input.heldAt, counter: 'person_times', delta: attendance },
    ]);
  });
}

export interface DecisionInput {
  title: string;
  detail?: string;
  ownerName: string;
  ownerParty: (typeof attendeeSides)[number];
  dueDate: string;
}

/** A decision of a held meeting, with its owner and due date, to be followed up until done. */
export async function makeDecision({ db, actor, meetingId, input, now }: { db: Db; actor: Actor; meetingId: number; input: DecisionInput; now: Date }): Promise<number> {
  const { meeting } = await visibleMeeting(db, actor, meetingId, 'deliberation:convene');
  if (meeting.state !== 'held') throw new AppError(DeliberationErrors.DELIBERATION_NOT_HELD, 'Record the minutes first: decisions are made by a meeting that was held', { meetingId });
  return db.transaction(async (tx) => {
    const [d] = await tx.insert(decisions).values({
      meetingId, communityId: meeting.communityId, compoundId: meeting.compoundId, meetingType: meeting.type, title: input.title, detail: input.detail ?? '',
      ownerName: input.ownerName, ownerParty: input.ownerParty, dueDate: input.dueDate, createdAt: now, updatedAt: now,
    }).returning({ id: decisions.id });
    await appendTimeline(tx, decisionEvents, [{ communityId: meeting.communityId, subjectId: d!.id, at: now, actor, action: 'decide', toState: 'open', note: input.title }]);
    await recordFigures(tx, deliberationFigures, [{ communityId: meeting.communityId, compoundId: meeting.compoundId, dim: meeting.type, day: now, counter: 'decisions', delta: 1 }]);
    return d!.id;
  });
}

export async function visibleDecision(db: DbOrTx, actor: Actor, decisionId: number, permission = 'deliberation:read') {
  const [decision] = await db.select().from(decisions).where(eq(decisions.id, decisionId));
  const scope = decision ? await scopeOf(db, actor, decision) : undefined;
  requireAccess(actor, permission, scope, 'Decision');
  return { decision: decision!, scope };
}

type DecisionRow = typeof decisions.$inferSelect;

async function moveDecision(tx: DbOrTx, d: DecisionRow, to: 'in_progress' | 'done', actor: Actor | null, now: Date, note: string | null, action: string): Promise<void> {
  await moveState(tx, decisions, d, to, { now, staleCode: DeliberationErrors.DELIBERATION_STALE, what: 'decision', patch: to === 'done' ? { doneAt: now } : {} });
  await appendTimeline(tx, decisionEvents, [{ communityId: d.communityId, subjectId: d.id, at: now, actor, action, fromState: d.state, toState: to, note }]);
  if (to === 'done') await recordFigures(tx, deliberationFigures, [{ communityId: d.communityId, compoundId: d.compoundId, dim: d.meetingType, day: now, counter: 'decisions_done', delta: 1 }]);
}

/** A follow-up note on a decision, optionally marking it done (a decision with spawned requests is done when they are). */
export async function followDecision({ db, actor, decisionId, note, done, now }: { db: Db; actor: Actor; decisionId: number; note: string; done: boolean; now: Date }): Promise<void> {
  const { decision } = await visibleDecision(db, actor, decisionId, 'deliberation:convene');
  if (decision.state === 'done') throw new AppError(DeliberationErrors.DELIBERATION_DECISION_DONE, 'This decision is already done', { decisionId });
  const linked = await db.select({ id: decisionRequests.requestId }).from(decisionRequests).where(eq(decisionRequests.decisionId, decisionId));
  if (done && linked.length) throw new AppError(DeliberationErrors.DELIBERATION_DECISION_DONE, 'This decision is done when its service requests are', { requestIds: linked.map((l) => l.id) });
  await db.transaction(async (tx) => {
    if (done) return moveDecision(tx, decision, 'done', actor, now, note, 'done');
    if (decision.state === 'open') return moveDecision(tx, decision, 'in_progress', actor, now, note, 'progress');
    await appendTimeline(tx, decisionEvents, [{ communityId: decision.communityId, subjectId: decisionId, at: now, actor, action: 'progress', note }]);
  });
}

/** Files a service request for the decision (through the requests module) and links it; the decision is then in progress. */
export async function spawnRequest({ ctx, actor, decisionId, input }: { ctx: AppContext; actor: Actor; decisionId: number; input: { description: string; compoundId?: number; locationKind: 'building' | 'stairwell' | 'garage' | 'green_space' | 'road' | 'public_area' | 'other'; locationText?: string | null } }): Promise<number> {
  const { decision } = await visibleDecision(ctx.db, actor, decisionId, 'deliberation:convene');
  if (decision.state === 'done') throw new AppError(DeliberationErrors.DELIBERATION_DECISION_DONE, 'This decision is already done', { decisionId });
  const compoundId = decision.compoundId ?? input.compoundId;
  if (!compoundId) throw new AppError(DeliberationErrors.DELIBERATION_PLACE_INVALID, 'A community-wide decision names the compound of the request', { field: 'compoundId' });
  if (decision.compoundId === null && (await compoundScope(ctx.db, compoundId))?.communityId !== decision.communityId) throw notFound('Compound');
  const { requestId } = await fileRequest(ctx, { reporter: { kind: 'account', actor }, compoundId, description: input.description, locationKind: input.locationKind, locationText: input.locationText ?? null, source: 'phone' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(decisionRequests).values({ decisionId, communityId: decision.communityId, requestId });
    const [fresh] = await tx.select().from(decisions).where(eq(decisions.id, decisionId)).for('update');
    if (fresh!.state === 'open') await moveDecision(tx, fresh!, 'in_progress', actor, now, `已派发服务工单 #${requestId}`, 'spawn_request');
    else await appendTimeline(tx, decisionEvents, [{ communityId: decision.communityId, subjectId: decisionId, at: now, actor, action: 'spawn_request', note: `已派发服务工单 #${requestId}` }]);
  });
  return requestId;
}

/**
 * The states of linked service requests. The requests module exports no state read for other
 * modules yet, so this reads service_requests' id and state directly (see the report: a
 * `getRequestStates(ids)` export of requests would replace it).
 */
export async function requestStatesOf(db: DbOrTx, requestIds: number[]): Promise<Map<number, string>> {
  if (requestIds.length === 0) return new Map();
  const rows = await queryRows<{ id: number; state: string }>(db, sql`select id, state from service_requests where id = any(${`{${requestIds.join(',')}}`}::bigint[])`);
  return new Map(rows.map((r) => [Number(r.id), r.state]));
}

/** The job's run: decisions whose spawned requests are all finished become done. */
export async function followSpawnedRequests(ctx: AppContext, now: Date): Promise<{ done: number }> {
  const pending = await ctx.db.select({ d: decisions, requestId: decisionRequests.requestId }).from(decisions)
    .innerJoin(decisionRequests, eq(decisionRequests.decisionId, decisions.id)).where(inArray(decisions.state, ['open', 'in_progress'])).orderBy(asc(decisions.id)).limit(2000);
  const states = await requestStatesOf(ctx.db, pending.map((p) => p.requestId));
  const byDecision = new Map<number, { d: DecisionRow; finished: boolean }>();
  for (const p of pending) {
    const known = byDecision.get(p.d.id) ?? { d: p.d, finished: true };
    known.finished &&= (finishedRequestStates as readonly string[]).includes(states.get(p.requestId) ?? '');
    byDecision.set(p.d.id, known);
  }
  let done = 0;
  for (const { d, finished } of byDecision.values()) {
    if (!finished) continue;
    try {
      await ctx.db.transaction((tx) => moveDecision(tx, d, 'done', null, now, '关联的服务工单均已办结', 'requests_done'));
      done++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err; // moved by someone else meanwhile: next run sees it
    }
  }
  return { done };
}

/** The contract for other modules (fees: spending linked to a meeting decision); 404 outside the actor's scope. */
export async function getMeetingDecision({ db, actor, decisionId }: { db: DbOrTx; actor: Actor; decisionId: number }): Promise<{ decisionId: number; meetingId: number; communityId: number; compoundId: number | null; title: string; status: 'open' | 'in_progress' | 'done'; dueDate: string }> {
  const { decision } = await visibleDecision(db, actor, decisionId);
  return { decisionId: decision.id, meetingId: decision.meetingId, communityId: decision.communityId, compoundId: decision.compoundId, title: decision.title, status: decision.state, dueDate: decision.dueDate };
}

