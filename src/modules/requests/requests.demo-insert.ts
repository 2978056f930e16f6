import type { DbOrTx } from '../../db/client.js';
import type { RequestState } from '../../shared/request-states.js';
import { notifications } from '../notifications/notifications.schema.js';
import type { Plan, World } from './requests.demo.js';
import { jointConsultations, requestEvents, serviceRequests, type AssigneeKind } from './requests.schema.js';
import { demoText } from './requests.demo-texts.js';
import { dueTimes } from './requests.sla.js';

const MINUTE = 60_000;
type Row = typeof serviceRequests.$inferInsert;
type Event = Omit<typeof requestEvents.$inferInsert, 'subjectId'>;

const staffOf: Record<string, string> = { 鼎立社区: 'community1', 橄榄城社区: 'community2', 新华社区: 'community3' };
const propertyOf: Record<string, string> = { 鸿翔物业: 'property1', 宏润物业: 'property2' };

interface Assignee { kind: AssigneeKind; companyId: number | null; organisationId: number | null; accountId: number | null; actor: number | null; role: string }

function accountId(world: World, username: string | undefined): number | null {
  return (username && world.ctx.accounts.get(username)?.accountId) || null;
}

/** Who handles a request: the category's default kind, falling back when the place has none. */
function assigneeFor(world: World, p: Plan): Assignee {
  const { places } = world.ctx;
  const compound = places.compounds.get(p.compoundName)!;
  const category = world.categories.get(compound.cityId)!.get(p.categoryCode)!;
  const units = world.localUnits.get(compound.cityId) ?? { heat: null, other: null };
  const companyName = [...places.companies].find(([, id]) => id === compound.companyId)?.[0];
  const grid = p.communityName === '鼎立社区' ? accountId(world, 'grid1') : null;
  const company = (): Assignee | null => compound.companyId ? { kind: 'property_company', companyId: compound.companyId, organisationId: null, accountId: null, actor: accountId(world, propertyOf[companyName ?? '']), role: 'property_staff' } : null;
  const unit = (id: number | null): Assignee | null => id ? { kind: 'local_unit', companyId: null, organisationId: id, accountId: null, actor: id === places.organisations.get('开封市热力有限公司') ? accountId(world, 'unit1') : null, role: 'local_unit_staff' } : null;
  const gridWorker = (): Assignee | null => grid ? { kind: 'grid_worker', companyId: null, organisationId: null, accountId: grid, actor: grid, role: 'grid_worker' } : null;
  const byKind = category.defaultAssigneeKind === 'local_unit' ? unit(p.categoryCode === 'heating' ? units.heat ?? units.other : units.other ?? units.heat)
    : category.defaultAssigneeKind === 'grid_worker' ? gridWorker() : company();
  return byKind ?? company() ?? gridWorker() ?? unit(units.other ?? units.heat)!;
}

/** When each SLA clock was marked breached, as the sweeper would have done a minute after the deadline. */
function breaches(p: Plan, due: { respondDueAt: Date; resolveDueAt: Date }, now: Date, t: (s: { at: number }) => Date) {
  const first = (a: string) => p.steps.find((s) => s.action === a);
  const ending = p.steps.find((s) => ['cancel', 'merge', 'auto_close', 'confirm'].includes(s.action));
  const end = ending ? t(ending) : now;
  const accepted = first('accept');
  const resolved = p.steps.findLast((s) => s.action === 'resolve' || s.action === 'confirm' || s.action === 'auto_close');
  const final = p.steps.at(-1)?.to ?? 'submitted';
  // A reopened request waits to be accepted again.
  const respondEnd = accepted && final !== 'reopened' ? t(accepted) : end;
  const resolveEnd = final === 'reopened' ? now : resolved ? t(p.steps.find((s) => s.action === 'resolve') ?? resolved) : end;
  // The sweeper runs every 30 s: a breach is marked within half a minute of the deadline.
  const mark = (due: Date, until: Date) => (until.getTime() > due.getTime() ? new Date(Math.min(due.getTime() + 30_000, until.getTime())) : null);
  return { respondBreachedAt: mark(due.respondDueAt, respondEnd), resolveBreachedAt: mark(due.resolveDueAt, resolveEnd) };
}

const state0 = (p: Plan): RequestState => p.steps.at(-1)?.to ?? 'submitted';

function build(world: World, p: Plan): { row: Row; events: Event[] } {
  const compound = world.ctx.places.compounds.get(p.compoundName)!;
  const community = world.ctx.places.communities.get(p.communityName)!;
  const category = world.categories.get(compound.cityId)!.get(p.categoryCode)!;
  const who = assigneeFor(world, p);
  const staff = accountId(world, staffOf[p.communityName]);
  const t = (s: { at: number }) => new Date(p.created.getTime() + s.at * MINUTE);
  // Reopening restarts both windows (as reopenRequest does).
  const reopen = state0(p) === 'reopened' ? p.steps.findLast((s) => s.action === 'reopen') : undefined;
  const due = dueTimes(category, p.priority, reopen ? t(reopen) : p.created);
  const marks = breaches(p, due, world.now, t);
  const state: RequestState = p.steps.at(-1)?.to ?? 'submitted';
  const last = (a: string) => p.steps.findLast((s) => s.action === a);
  const assigned = p.steps.some((s) => s.action === 'dispatch' || s.action === 'consult_dispatch');
  const resolvedStep = state === 'resolved' || state === 'closed' ? last('resolve') : undefined;
  const closing = last('confirm') ?? last('auto_close');
  const reporter = world.names.get(p.household.personIds[0] ?? -1);
  const buildingId = world.buildingIds.get(`${compound.id}/${p.household.buildingName}`) ?? null;
  const row: Row = {
    communityId: community.id, cityId: community.cityId, districtId: community.districtId, streetId: community.streetId, compoundId: compound.id,
    buildingId, householdId: p.household.id, categoryId: category.id, suggestedCategoryId: category.id, priority: p.priority,
    description: p.description ?? demoTextOf(world, p), locationKind: p.locationKind, source: 'seed', state,
    reporterPersonId: p.household.personIds[0] ?? null, reporterAccountId: p.reporterAccountId, reporterName: reporter?.name ?? null, reporterPhone: reporter?.phone ?? null,
    assigneeKind: assigned ? who.kind : null, assigneeCompanyId: assigned ? who.companyId : null, assigneeOrganisationId: assigned ? who.organisationId : null, assigneeAccountId: assigned ? who.accountId : null,
    dispatchedAt: assigned ? t(last('dispatch') ?? last('consult_dispatch')!) : null, ...due,
    acceptedAt: p.steps.find((s) => s.action === 'accept') ? t(p.steps.find((s) => s.action === 'accept')!) : null,
    resolvedAt: resolvedStep ? t(resolvedStep) : null, closedAt: closing ? t(closing) : null, ...marks,
    rating: p.rating && last('confirm') ? p.rating : null, ratingComment: p.rating && last('confirm') ? (p.rating >= 4 ? '处理及时，很满意' : '处理得比较慢') : null,
    ratedAt: last('confirm') ? t(last('confirm')!) : null, reopenCount: p.steps.filter((s) => s.action === 'reopen').length,
    createdAt: p.created, updatedAt: p.steps.length ? t(p.steps.at(-1)!) : p.created, version: 1 + p.steps.length,
  };
  return { row, events: eventsOf(p, row, who, staff, t, world) };
}

function demoTextOf(world: World, p: Plan): string {
  const text = demoText(p.categoryCode, (xs) => world.ctx.rng.pick(xs), p.household.buildingName);
  return text.includes(p.household.buildingName) ? text : `${p.household.buildingName}：${text}`;
}

const notes: Partial<Record<string, string>> = {
  dispatch: '请尽快联系居民处理', accept: '已接单，师傅马上联系您', start: '维修人员已到场', progress: '正在排查原因', resolve: '已处理完毕，请确认',
  return: '不属于本单位职责，请重新派单', reopen: '问题没有解决，又出现了', cancel: '问题已自行解决', escalate: '涉及维修基金使用，提请三方会诊',
  merge: '同一问题，合并处理', consult_dispatch: '三方会诊决定：物业先行维修，费用从维修基金列支', auto_close: '72 小时内未确认，系统自动办结',
};

function eventsOf(p: Plan, row: Row, who: Assignee, staff: number | null, t: (s: { at: number }) => Date, world: World): Event[] {
  const base = { communityId: row.communityId };
  const events: Event[] = [{ ...base, at: p.created, actorAccountId: p.reporterAccountId, actorRole: 'resident', action: 'submit', toState: 'submitted', data: { source: 'app', categoryId: row.categoryId, priority: row.priority } }];
  for (const s of p.steps) {
    const byReporter = s.action === 'confirm' || s.action === 'reopen' || (s.action === 'cancel' && s.from === 'submitted');
    const byAssignee = ['accept', 'start', 'progress', 'resolve', 'return'].includes(s.action);
    const actor = s.action === 'auto_close' ? null : byReporter ? p.reporterAccountId : byAssignee ? who.actor : s.action === 'consult_dispatch' ? accountId(world, 'committee1') ?? staff : staff;
    const role = s.action === 'auto_close' ? null : byReporter ? 'resident' : byAssignee ? who.role : s.action === 'consult_dispatch' ? 'owners_committee' : 'community_staff';
    const data: Record<string, unknown> = s.action === 'confirm' ? { rating: row.rating } : s.action === 'dispatch' || s.action === 'consult_dispatch' ? { assigneeKind: who.kind } : {};
    events.push({ ...base, at: t(s), actorAccountId: actor, actorRole: role, action: s.action, fromState: s.from, toState: s.to, note: s.action === 'confirm' ? row.ratingComment : notes[s.action] ?? null, data });
  }
  for (const [kind, at] of [['respond', row.respondBreachedAt], ['resolve', row.resolveBreachedAt]] as const) {
    if (at) events.push({ ...base, at, actorAccountId: null, actorRole: null, action: 'sla_breach', data: { kind, dueAt: (kind === 'respond' ? row.respondDueAt : row.resolveDueAt)!.toISOString() } });
  }
  return events.sort((x, y) => x.at!.getTime() - y.at!.getTime());
}

const ids = new WeakMap<Plan, number>();

/** Inserts the planned requests and their timelines in a few multi-row statements. */
export async function insertPlans(world: World, plans: Plan[]): Promise<void> {
  const db: DbOrTx = world.ctx.db;
  const built = plans.map((p) => build(world, p));
  built.forEach((b, i) => {
    const master = plans[i]!.masterPlan;
    if (master) b.row.masterRequestId = ids.get(master) ?? null;
  });
  const events: (typeof requestEvents.$inferInsert)[] = [];
  for (let i = 0; i < built.length; i += 400) {
    const chunk = built.slice(i, i + 400);
    const inserted = await db.insert(serviceRequests).values(chunk.map((b) => b.row)).returning({ id: serviceRequests.id });
    inserted.forEach((r, j) => {
      ids.set(plans[i + j]!, r.id);
      events.push(...chunk[j]!.events.map((e) => ({ ...e, subjectId: r.id, data: e.action === 'merge' ? { masterId: chunk[j]!.row.masterRequestId } : e.data })));
    });
  }
  for (let i = 0; i < events.length; i += 1000) await db.insert(requestEvents).values(events.slice(i, i + 1000));
  await insertStoryExtras(world, plans, built.map((b) => b.row));
}

/** The consultation record and the notifications the stories leave behind. */
async function insertStoryExtras(world: World, plans: Plan[], rows: Row[]): Promise<void> {
  const db = world.ctx.db;
  const committee = accountId(world, 'committee1');
  for (const [i, p] of plans.entries()) {
    const id = ids.get(p)!;
    const row = rows[i]!;
    if (p.consultation) {
      const step = p.steps.find((s) => s.action === 'consult_dispatch')!;
      const heldAt = new Date(p.created.getTime() + (step.at - 30) * MINUTE);
      await db.insert(jointConsultations).values({
        communityId: row.communityId, requestId: id, heldAt, place: '鼎立社区党群服务中心会议室', recordedBy: committee, createdAt: heldAt,
        attendees: [{ side: 'party', name: '李红梅', organisation: '鼎立社区党委' }, { side: 'property', name: '王建军', organisation: '鸿翔物业' }, { side: 'owners', name: '孙卫东', organisation: '鼎立社区业主委员会' }],
        decision: '房顶防水由鸿翔物业先行维修，费用按规定从专项维修资金列支，业委会监督并公示',
        actions: [{ owner: '鸿翔物业', task: '一周内完成8号楼屋面防水维修', dueAt: heldAt.toISOString().slice(0, 10) }, { owner: '业委会', task: '公示维修资金使用情况', dueAt: heldAt.toISOString().slice(0, 10) }],
      });
    }
    if (p.reporterAccountId && row.state === 'resolved') {
      await db.insert(notifications).values({ communityId: row.communityId, accountId: p.reporterAccountId, kind: 'request.resolve', title: `诉求 #${id} 已处理完毕，请确认评价`, body: notes.resolve ?? null, link: `/requests/${id}`, data: { requestId: id, state: 'resolved' }, createdAt: row.resolvedAt! });
    }
  }
}
