import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, useTestWorld } from '../../../test/app.js';
import { buildAccount } from '../../../test/factories.js';
import { buildRequestsCommunity } from '../../../test/requests-factories.js';
import { queryRows } from '../../db/client.js';
import { FakeClock } from '../../server/clock.js';
import { buildStation } from '../stations/stations.testing.js';
import { people } from '../accounts/accounts.schema.js';
import { addActivity } from '../community/community.testing.js';
import { members } from '../members/members.schema.js';
import { measuredCriteria, readMeasured } from './ratings.measures.js';
import { cycleBody, sheet } from './ratings.testing.js';

/*
 * The measured criteria a rating shows equal a recount over the same months written here
 * independently of the figures' roll-ups: SQL over service_requests (assigned to the company,
 * filed in the window, Shanghai months), fee_bills of the compounds it serves (billing periods in
 * the window), station_drills of its stations, activities (and their check-ins) in its compounds,
 * and the members registry's 自管 rows naming it, open at the window's end. Requests of other
 * companies, months outside the window, activities elsewhere and registrations closed, pending,
 * of another kind or naming another company are there to be left out.
 */
const NOW = '2026-03-10T10:00:00+08:00';
const clock = new FakeClock(NOW);
const s = useTestWorld(async (db) => {
  const a = await buildRequestsCommunity(db);
  const b = await buildRequestsCommunity(db, a);
  return { a, b };
}, { clock });

const WINDOW = { from: '2026-01', to: '2026-02' };

/** Requests inserted as rows (the roll-up triggers count them like any write). */
async function insertRequests() {
  const { a, b } = s.w;
  const db = s.t.database.db;
  const category = a.categories.get('heating')!.id;
  const rows: string[] = [];
  const states = ['submitted', 'accepted', 'resolved', 'closed', 'closed', 'closed', 'cancelled', 'merged'] as const;
  let n = 0;
  for (const created of ['2025-12-28T10:00:00+08:00', '2026-01-01T00:30:00+08:00', '2026-01-15T09:00:00+08:00', '2026-02-03T14:00:00+08:00', '2026-02-28T23:30:00+08:00', '2026-03-01T00:10:00+08:00']) {
    for (const [i, state] of states.entries()) {
      n++;
      const world = n % 5 === 0 ? b : a;
      const at = new Date(created).getTime() + i * 60_000;
      const due = at + 60 * 60_000;
      const accepted = state === 'submitted' ? null : at + (i % 3 === 0 ? 90 : 20) * 60_000;
      const respondBreached = accepted && accepted > due ? due : (state === 'submitted' && i % 2 === 0 ? due : null);
      const resolveBreached = state === 'resolved' && n % 2 === 0 ? at + 1440 * 60_000 : null;
      const rating = state === 'closed' || state === 'resolved' ? ((n + i) % 5) + 1 : null;
      const ts = (ms: number | null) => (ms === null ? 'null' : `'${new Date(ms).toISOString()}'`);
      rows.push(`(${world.community.id}, ${world.city.id}, ${world.district.id}, ${world.street.id}, ${world.compound.id}, ${category}, '暖气不热 ${n}', 'own_unit', '${state}',
        'property_company', ${world.company.id}, ${ts(at)}, ${ts(due)}, ${ts(at + 1440 * 60_000)}, ${ts(accepted)}, ${ts(respondBreached)}, ${ts(resolveBreached)},
        ${state === 'resolved' || state === 'closed' ? ts(at + 300 * 60_000) : 'null'}, ${rating ?? 'null'})`);
    }
  }
  await db.execute(sql.raw(`insert into service_requests (community_id, city_id, district_id, street_id, compound_id, category_id, description, location_kind, state,
    assignee_kind, assignee_company_id, created_at, respond_due_at, resolve_due_at, accepted_at, respond_breached_at, resolve_breached_at, resolved_at, rating) values ${rows.join(',\n')}`));
}

beforeAll(async () => {
  const { a } = s.w;
  await insertRequests();
  // Bills for three months (one outside the window), some paid in full, through the fees API.
  const property = await login(s.t.app, a.accounts.property.username);
  const schedule = await property.post('/api/fee-schedules', { compoundId: a.compound.id, name: '收费标准', effectiveFrom: '2026-01', items: [{ code: 'service', name: '物业服务费', basis: 'area', rateFen: 100 }] });
  expect(schedule.statusCode, schedule.body).toBe(201);
  for (const [period, paying] of [['2026-01', 3], ['2026-02', 2], ['2026-03', 4]] as const) {
    expect((await property.post(`/api/compounds/${a.compound.id}/bills/generate`, { period })).statusCode).toBeLessThan(300);
    const bills = (await property.get(`/api/bills?compoundId=${a.compound.id}&period=${period}`)).json().items as { id: number; outstandingFen: number }[];
    for (const bill of bills.slice(0, paying)) {
      const paid = await property.post(`/api/bills/${bill.id}/payments`, { method: 'cash', amountFen: bill.outstandingFen });
      expect(paid.statusCode, paid.body).toBe(201);
    }
  }
  // Two drills of the company's station in the window, one after it.
  const staff = await login(s.t.app, a.accounts.staff.username);
  const station = await buildStation(staff, { communityId: a.community.id, companyId: a.company.id, holderAccountId: a.accounts.staff.accountId });
  for (const heldAt of ['2026-01-20T09:00:00+08:00', '2026-02-10T09:00:00+08:00', '2026-03-02T09:00:00+08:00']) {
    const d = await staff.post(`/api/stations/${station.stationId}/drills`, { kind: 'drill', title: '破拆演练', heldAt, durationMinutes: 60, practised: ['破拆工具使用'] });
    expect(d.statusCode, d.body).toBe(201);
  }
  await addActivities();
  await addMembers();
  clock.set(NOW);
}, 120_000);

/**
 * Activities through the community API, the clock at each one's day, with walk-in check-ins:
 * in a's served compound (one by the community, one by the property), and to be left out —
 * community-wide (no compound, so no company), in the self-governed compound, on 31 December
 * late evening (December in Shanghai), in March, and in b's compound (b's only).
 */
async function addActivities() {
  const { a, b } = s.w;
  const plan = [
    { w: a, who: 'staff', startsAt: '2026-01-14T09:00:00+08:00', checkins: 3, over: { compoundId: a.compound.id, type: 'culture' } },
    { w: a, who: 'property', startsAt: '2026-02-20T14:00:00+08:00', checkins: 2, over: { compoundId: a.compound.id, type: 'festival', organiserKind: 'property', organiserName: '测试物业' } },
    { w: a, who: 'staff', startsAt: '2026-02-25T19:00:00+08:00', checkins: 0, over: { compoundId: a.compound.id, type: 'party', organiserKind: 'party_branch', organiserName: '网格党支部' } },
    { w: a, who: 'staff', startsAt: '2026-01-20T09:00:00+08:00', checkins: 1, over: { type: 'culture' } },
    { w: a, who: 'staff', startsAt: '2026-02-05T09:00:00+08:00', checkins: 1, over: { compoundId: a.selfGovernedCompound.id, type: 'other' } },
    { w: a, who: 'staff', startsAt: '2025-12-31T23:00:00+08:00', checkins: 1, over: { compoundId: a.compound.id, type: 'festival' } },
    { w: a, who: 'staff', startsAt: '2026-03-02T09:00:00+08:00', checkins: 2, over: { compoundId: a.compound.id, type: 'culture' } },
    { w: b, who: 'staff', startsAt: '2026-01-28T09:00:00+08:00', checkins: 4, over: { compoundId: b.compound.id, type: 'party' } },
  ] as const;
  for (const p of plan) {
    const start = new Date(p.startsAt);
    clock.set(new Date(start.getTime() - 30 * 60_000));
    const actor = await login(s.t.app, p.w.accounts[p.who].username);
    const staff = await login(s.t.app, p.w.accounts.staff.username);
    const id = await addActivity(actor, p.w.community.id, { ...p.over, startsAt: p.startsAt, endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString() });
    clock.set(new Date(start.getTime() + 10 * 60_000));
    for (let i = 0; i < p.checkins; i++) {
      const c = await staff.post(`/api/activities/${id}/check-ins`, { name: `居民${i + 1}` });
      expect(c.statusCode, c.body).toBe(201);
    }
  }
}

/**
 * 自管 registrations written into the registry (the window ends 2026-03-01 00:00 Shanghai): a's
 * counted ones — its property staffer (branch = short name + 党支部), one by its full name as
 * work unit, one who left after the end (full name + 党总支), one transferred between a's and
 * b's communities in February (one person, two rows) — and, left out, one who left before the
 * end, one approved after it, a pending one, a 双报到 of a's name, a's short name + "0党支部",
 * and b's branch.
 */
async function addMembers() {
  const { a, b } = s.w;
  const db = s.t.database.db;
  const person = async (name: string) => (await db.insert(people).values({ cityId: a.city.id, name }).returning())[0]!.id;
  const t = (iso: string) => new Date(iso);
  const short = a.company.shortName;
  const moved = await person('转接党员');
  const rows: (typeof members.$inferInsert)[] = [
    { communityId: a.community.id, personId: a.accounts.property.personId, kind: 'self_managed', branchName: `${short}党支部`, state: 'active', approvedAt: t('2025-06-01T10:00:00+08:00') },
    { communityId: a.community.id, personId: await person('全称'), kind: 'self_managed', branchName: '项目部', workUnit: a.company.name, state: 'active', approvedAt: t('2026-01-10T10:00:00+08:00') },
    { communityId: a.community.id, personId: await person('期后离开'), kind: 'self_managed', branchName: `${a.company.name}党总支`, state: 'left', approvedAt: t('2025-01-01T10:00:00+08:00'), closedAt: t('2026-03-05T10:00:00+08:00') },
    { communityId: a.community.id, personId: moved, kind: 'self_managed', branchName: `${short}党支部`, state: 'transferred', approvedAt: t('2025-05-01T10:00:00+08:00'), closedAt: t('2026-02-10T10:00:00+08:00') },
    { communityId: b.community.id, personId: moved, kind: 'self_managed', branchName: `${short}党支部`, state: 'active', approvedAt: t('2026-02-12T10:00:00+08:00') },
    { communityId: a.community.id, personId: await person('期内离开'), kind: 'self_managed', branchName: `${short}党支部`, state: 'left', approvedAt: t('2025-01-01T10:00:00+08:00'), closedAt: t('2026-02-20T10:00:00+08:00') },
    { communityId: a.community.id, personId: await person('期后入册'), kind: 'self_managed', branchName: `${short}党支部`, state: 'active', approvedAt: t('2026-03-01T00:00:00+08:00') },
    { communityId: a.community.id, personId: await person('待审'), kind: 'self_managed', branchName: `${short}党支部`, state: 'pending' },
    { communityId: a.community.id, personId: await person('双报到'), kind: 'dual_registered', branchName: `${short}党支部`, workUnit: short, state: 'active', approvedAt: t('2025-01-01T10:00:00+08:00') },
    { communityId: a.community.id, personId: await person('近似名'), kind: 'self_managed', branchName: `${short}0党支部`, state: 'active', approvedAt: t('2025-01-01T10:00:00+08:00') },
    { communityId: b.community.id, personId: await person('乙企业'), kind: 'self_managed', branchName: `${b.company.shortName}党支部`, state: 'active', approvedAt: t('2025-01-01T10:00:00+08:00') },
  ];
  await db.insert(members).values(rows);
  // a's staff: its property account (a member), one more, and a disabled one left out.
  await buildAccount(db, a.city.id, [{ role: 'property_staff', scopeType: 'company', scopeId: a.company.id }]);
  const gone = await buildAccount(db, a.city.id, [{ role: 'property_staff', scopeType: 'company', scopeId: a.company.id }]);
  await db.execute(sql`update accounts set disabled = true where id = ${gone.accountId}`);
}

interface Recount { [k: string]: number }

async function recount(companyId: number, window = WINDOW): Promise<Recount> {
  const db = s.t.database.db;
  const [r] = await queryRows<Recount>(db, sql`
    with w as (select * from service_requests where assignee_company_id = ${companyId}
      and to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') between ${window.from} and ${window.to}),
    f as (select * from w where state not in ('merged', 'cancelled'))
    select
      (select count(*) from f where accepted_at is not null and respond_breached_at is null and accepted_at <= respond_due_at)::int as on_time,
      (select count(*) from f where accepted_at is not null or respond_breached_at is not null)::int as due,
      (select count(*) from f where state in ('resolved', 'closed'))::int as solved,
      (select count(*) from f)::int as filed,
      (select count(*) from f where rating >= 4)::int as satisfied,
      (select count(*) from f where rating is not null)::int as rated,
      (select count(*) from f where state = 'closed' and rating >= 4)::int as qualified,
      (select count(*) from f where state = 'closed' and rating is not null)::int as closed_rated,
      (select count(*) from f where respond_breached_at is not null or resolve_breached_at is not null)::int as breached,
      (select count(*) from f where rating < 4)::int as unsatisfied,
      (select count(*) from fee_bills b join compounds k on k.id = b.compound_id where k.property_company_id = ${companyId}
        and to_char(b.period, 'YYYY-MM') between ${window.from} and ${window.to})::int as billed,
      (select count(*) from fee_bills b join compounds k on k.id = b.compound_id where k.property_company_id = ${companyId}
        and to_char(b.period, 'YYYY-MM') between ${window.from} and ${window.to} and b.paid_fen = b.amount_fen + b.adjust_fen)::int as paid,
      (select count(*) from station_drills d join stations st on st.id = d.station_id where st.company_id = ${companyId}
        and to_char(d.held_at at time zone 'Asia/Shanghai', 'YYYY-MM') between ${window.from} and ${window.to})::int as drills,
      ${activityRecount(companyId, window)},
      ${memberRecount(companyId, window)}`);
  return r!;
}

/** Published activities of the company (its compound's or room's), by Shanghai start month, and their check-ins. */
const activityRecount = (companyId: number, window = WINDOW) => sql`
  (select count(*) from activities a where a.company_id = ${companyId} and a.state = 'published'
    and to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') between ${window.from} and ${window.to})::int as activities,
  (select count(*) from activity_checkins c join activities a on a.id = c.activity_id where a.company_id = ${companyId} and a.state = 'published'
    and to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') between ${window.from} and ${window.to})::int as participant_times,
  (select count(*) from activities a where a.company_id = ${companyId} and a.state = 'published' and a.type = 'culture'
    and to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') between ${window.from} and ${window.to})::int as culture`;

/** People with a 自管 row naming the company that was approved before, and not closed by, the first instant after the window. */
const memberRecount = (companyId: number, window = WINDOW) => {
  const [y, m] = window.to.split('-').map(Number) as [number, number];
  const end = new Date(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+08:00`).toISOString();
  const named = sql`(m.work_unit = c.name or m.work_unit = c.short_name or m.branch_name in (c.name, c.short_name, c.name || '党支部', c.short_name || '党支部', c.name || '党总支', c.short_name || '党总支'))`;
  const open = sql`m.kind = 'self_managed' and m.approved_at < ${end}::timestamptz and (m.closed_at is null or m.closed_at >= ${end}::timestamptz)`;
  return sql`
  (select count(distinct m.person_id) from members m, property_companies c where c.id = ${companyId} and ${open} and ${named})::int as self_managed,
  (select count(distinct a.id) from accounts a where not a.disabled and a.id in (select account_id from role_grants where scope_type = 'company' and scope_id = ${companyId}))::int as staff_accounts,
  (select count(distinct a.id) from accounts a where not a.disabled and a.id in (select account_id from role_grants where scope_type = 'company' and scope_id = ${companyId})
    and a.person_id in (select m.person_id from members m, property_companies c where c.id = ${companyId} and ${open} and ${named}))::int as staff_members`;
};

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

describe('measured criteria', () => {
  it('every declared criterion has a definition, a source module and a unit', () => {
    expect(measuredCriteria.map((m) => m.key)).toEqual(['response_rate', 'resolution_rate', 'satisfaction_rate', 'qualification_rate', 'sla_breaches', 'complaints', 'payment_rate', 'station_drills', 'community_activities', 'self_managed_members']);
    for (const m of measuredCriteria) expect(m.definition.length).toBeGreaterThan(8);
  });

  it('equal a recount over the same months, for the rated company only', async () => {
    const { a } = s.w;
    const dept = await login(s.t.app, a.accounts.dept.username);
    const cycle = await dept.post('/api/rating-cycles', cycleBody(2026, { periodFrom: WINDOW.from, periodTo: WINDOW.to }));
    expect(cycle.statusCode, cycle.body).toBe(201);
    const rating = await dept.post('/api/ratings', { cycleId: cycle.json().id, companyId: a.company.id });
    expect(rating.statusCode, rating.body).toBe(201);
    const got = Object.fromEntries((rating.json().measured as { key: string; value: number | null; numbers: Record<string, number> }[]).map((m) => [m.key, m]));
    const r = await recount(a.company.id);
    expect(r.filed).toBeGreaterThan(10);
    expect(r.billed).toBe(8);
    expect(got.response_rate).toMatchObject({ value: ratio(r.on_time!, r.due!), numbers: { onTime: r.on_time, due: r.due } });
    expect(got.resolution_rate).toMatchObject({ value: ratio(r.solved!, r.filed!), numbers: { solved: r.solved, filed: r.filed } });
    expect(got.satisfaction_rate).toMatchObject({ value: ratio(r.satisfied!, r.rated!), numbers: { satisfied: r.satisfied, rated: r.rated } });
    expect(got.qualification_rate).toMatchObject({ value: ratio(r.qualified!, r.closed_rated!), numbers: { qualified: r.qualified, closedRated: r.closed_rated } });
    expect(got.sla_breaches).toMatchObject({ value: r.breached });
    expect(got.complaints).toMatchObject({ value: r.unsatisfied });
    expect(got.payment_rate).toMatchObject({ value: ratio(r.paid!, r.billed!), numbers: { paid: r.paid, billed: r.billed } });
    expect(got.station_drills).toMatchObject({ value: r.drills });
    expect(r.drills).toBe(2);
    expect(got.community_activities).toMatchObject({ value: r.activities, numbers: { activities: r.activities, participantTimes: r.participant_times, culture: r.culture } });
    expect(got.community_activities!.numbers).toMatchObject({ festival: 1, party: 1, other: 0 });
    expect([r.activities, r.participant_times]).toEqual([3, 5]);
    expect(got.self_managed_members).toMatchObject({ value: r.self_managed, numbers: { members: r.self_managed, staffAccounts: r.staff_accounts, staffMembers: r.staff_members } });
    expect([r.self_managed, r.staff_accounts, r.staff_members]).toEqual([4, 2, 1]);
  });

  it('the other company\'s activities and 自管党员 are its own, and a later window sees the leavers go', async () => {
    const { a, b } = s.w;
    const db = s.t.database.db;
    const of = async (companyId: number, window = WINDOW) => Object.fromEntries((await readMeasured(db, { companyId, ...window })).map((m) => [m.key, m]));
    const [rb] = await queryRows<Recount>(db, sql`select ${activityRecount(b.company.id)}, ${memberRecount(b.company.id)}`);
    const gotB = await of(b.company.id);
    expect(gotB.community_activities).toMatchObject({ value: rb!.activities, numbers: { participantTimes: rb!.participant_times } });
    expect([rb!.activities, rb!.participant_times]).toEqual([1, 4]);
    expect(gotB.self_managed_members).toMatchObject({ value: rb!.self_managed, numbers: { staffAccounts: rb!.staff_accounts, staffMembers: rb!.staff_members } });
    expect(rb!.self_managed).toBe(1);
    // To March: the March activity counts, 期后离开 has left and 期后入册 has joined.
    const march = { from: '2026-01', to: '2026-03' };
    const [ra] = await queryRows<Recount>(db, sql`select ${activityRecount(a.company.id, march)}, ${memberRecount(a.company.id, march)}`);
    const gotA = await of(a.company.id, march);
    expect(gotA.community_activities).toMatchObject({ value: ra!.activities, numbers: { participantTimes: ra!.participant_times } });
    expect(gotA.self_managed_members).toMatchObject({ value: ra!.self_managed });
    expect([ra!.activities, ra!.self_managed]).toEqual([4, 4]);
  });

  it('the department certifies with the measured values kept as it saw them, and the suggestion holds the floors against the level', async () => {
    const { a } = s.w;
    const dept = await login(s.t.app, a.accounts.dept.username);
    const property = await login(s.t.app, a.accounts.property.username);
    const staff = await login(s.t.app, a.accounts.staff.username);
    const id = (await dept.get(`/api/ratings?companyId=${a.company.id}`)).json().items[0].id;
    expect((await property.post(`/api/ratings/${id}/self-evaluation`, { scores: sheet(1) })).statusCode).toBe(200);
    const assessed = (await staff.post(`/api/ratings/${id}/assessments`, { scores: sheet(1), opinion: '满分' })).json();
    const r = await recount(a.company.id);
    // A full score, but the measured rates fall under the five-star floors (the inserted mix is mediocre).
    expect(assessed.suggestion.byScore).toBe(5);
    const missed = assessed.suggestion.missedFloors.filter((f: { level: number }) => f.level === 5).map((f: { key: string }) => f.key);
    expect(missed).toContain('response_rate');
    expect(ratio(r.on_time!, r.due!)!).toBeLessThan(0.95);
    const certified = (await dept.post(`/api/ratings/${id}/certify`, { level: 5, score: 100, reason: '测评满分，暂认定五星，按季度复查平台指标' })).json();
    expect(certified.measured.find((m: { key: string }) => m.key === 'response_rate').value).toBe(ratio(r.on_time!, r.due!));
    expect(certified.measuredAt).toBe(new Date('2026-03-10T10:00:00+08:00').toISOString());
    // A lowering on figures looks at the last quarter (2026-01 … 2026-03): its response rate is under the five-star floor.
    const quarter = await recount(a.company.id, { from: '2026-01', to: '2026-03' });
    expect(ratio(quarter.on_time!, quarter.due!)!).toBeLessThan(0.95);
    const proposed = await dept.post(`/api/ratings/${id}/lower`, { step: 'propose', toLevel: 4, grounds: 'figures', reason: '一季度响应率低于五星底线95%' });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json().lowering).toMatchObject({ fromLevel: 5, toLevel: 4, grounds: 'figures' });
  });
});
