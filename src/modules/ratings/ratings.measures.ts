import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { readFigures, totalsOf, type FigureRow } from '../../kernel/figures.js';
import { activityFigures } from '../community/community.figures.js';
import { activityTypes } from '../community/community.schema.js';
import { counterSumsSql, countersFromRow, liveRollupSql } from '../figures/figures.sql.js';
import { defaultQualificationThreshold, satisfiedFrom, type Counters } from '../figures/figures.math.js';
import type { MeasuredValue } from './ratings.rubric.js';

/*
 * 平台测评指标: what the platform already measured about a company over the compounds it serves,
 * one declaration per criterion — its definition, the numbers behind it, the module it comes
 * from and how to read it — shown beside the manual scores and held against the rubric's floors.
 *
 * Activities held with the community come from the community-life module's figures family
 * (`community.activities`, kept per company: the company of the activity's compound or room);
 * 自管党员 come from the members registry, read as of the end of the window (a registration is a
 * state over time, not an event counted per month).
 */

/** What every reader gets: one company, a window of calendar months (inclusive). */
export interface MeasureWindow {
  companyId: number;
  from: string;
  to: string;
}

/** Sources read once per rating and shared by the criteria. */
interface Sources {
  requests: Counters;
  fees: Record<string, number>;
  stations: Record<string, number>;
  /** community.activities by counter and by counter|type. */
  activities: Record<string, number>;
  members: SelfManaged;
}

/** 自管党员 of the company at the end of the window, and its staff accounts. */
interface SelfManaged {
  /** Distinct people with an approved 自管 registration open at the end of the window. */
  members: number;
  /** Enabled accounts holding a role on the company now (grants keep no history). */
  staffAccounts: number;
  /** Of those accounts, the ones whose person is among `members`. */
  staffMembers: number;
}

export interface MeasuredCriterion {
  key: string;
  name: string;
  /** The definition in words, shown with the value. */
  definition: string;
  /** The module whose figures it reads. */
  source: 'figures' | 'fees' | 'stations' | 'community' | 'members';
  /** rate: 0–1 (shown as %); count: a whole number. */
  unit: 'rate' | 'count';
  /** Lower is better (breaches, complaints): floors on it are maxima. */
  lowerIsBetter?: boolean;
  read: (s: Sources) => MeasuredValue;
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
const sum = (xs: readonly number[]) => xs.reduce((s, n) => s + n, 0);
const satisfied = (c: Counters) => sum(c.rated.slice(satisfiedFrom - 1));
const qualified = (c: Counters) => sum(c.closedRated.slice(defaultQualificationThreshold - 1));

export const measuredCriteria: readonly MeasuredCriterion[] = [
  {
    key: 'response_rate', name: '响应率', source: 'figures', unit: 'rate',
    definition: '按时响应（在响应时限内受理且未记超时）的工单 ÷ 应响应的工单（已受理或已记响应超时），派给本企业的工单，按提交月份',
    read: ({ requests: c }) => ({ key: 'response_rate', value: ratio(c.respondOnTime, c.respondDue), numbers: { onTime: c.respondOnTime, due: c.respondDue } }),
  },
  {
    key: 'resolution_rate', name: '解决率', source: 'figures', unit: 'rate',
    definition: '已解决或已办结的工单 ÷ 提交的工单（不含合并与撤销）',
    read: ({ requests: c }) => ({ key: 'resolution_rate', value: ratio(c.solved, c.filed), numbers: { solved: c.solved, filed: c.filed } }),
  },
  {
    key: 'satisfaction_rate', name: '满意率', source: 'figures', unit: 'rate',
    definition: `居民评价 ${satisfiedFrom}–5 星的工单 ÷ 有评价的工单`,
    read: ({ requests: c }) => ({ key: 'satisfaction_rate', value: ratio(satisfied(c), sum(c.rated)), numbers: { satisfied: satisfied(c), rated: sum(c.rated) } }),
  },
  {
    key: 'qualification_rate', name: '处置合格率', source: 'figures', unit: 'rate',
    definition: `办结且评价 ${defaultQualificationThreshold} 星及以上的工单 ÷ 办结且有评价的工单`,
    read: ({ requests: c }) => ({ key: 'qualification_rate', value: ratio(qualified(c), sum(c.closedRated)), numbers: { qualified: qualified(c), closedRated: sum(c.closedRated) } }),
  },
  {
    key: 'sla_breaches', name: '超时工单', source: 'figures', unit: 'count', lowerIsBetter: true,
    definition: '记过响应超时或办结超时的工单数（不含合并与撤销）',
    read: ({ requests: c }) => ({ key: 'sla_breaches', value: c.breached, numbers: { breached: c.breached, respondBreached: c.respondBreached, resolveBreached: c.resolveBreached, filed: c.filed } }),
  },
  {
    key: 'complaints', name: '不满意评价（投诉）', source: 'figures', unit: 'count', lowerIsBetter: true,
    definition: `居民评价低于 ${satisfiedFrom} 星的工单数`,
    read: ({ requests: c }) => ({ key: 'complaints', value: sum(c.rated) - satisfied(c), numbers: { rated1: c.rated[0]!, rated2: c.rated[1]!, rated3: c.rated[2]!, rated: sum(c.rated) } }),
  },
  {
    key: 'payment_rate', name: '缴费率', source: 'fees', unit: 'rate',
    definition: '账期内已缴清的户数 ÷ 应缴户数，本企业服务小区的物业费账单，按账期月份',
    read: ({ fees: f }) => ({ key: 'payment_rate', value: ratio(f.households_paid ?? 0, f.households_billed ?? 0), numbers: { paid: f.households_paid ?? 0, billed: f.households_billed ?? 0 } }),
  },
  {
    key: 'station_drills', name: '应急培训演练', source: 'stations', unit: 'count',
    definition: '本企业共建的应急服务站举行的培训与演练次数，及到场人次',
    read: ({ stations: s }) => ({ key: 'station_drills', value: s.drills ?? 0, numbers: { drills: s.drills ?? 0, attendances: s.attendances ?? 0 } }),
  },
  {
    key: 'community_activities', name: '社区共建活动', source: 'community', unit: 'count',
    definition: '在本企业服务的小区（含其管理的活动室）举办的社区活动场次，不论由社区、党组织、物业或队伍主办，不含已取消的，按活动开始日期；另计参与人次（签到）与各类型场次',
    read: ({ activities: a }) => ({ key: 'community_activities', value: a.activities ?? 0, numbers: {
      activities: a.activities ?? 0, participantTimes: a.participant_times ?? 0,
      ...Object.fromEntries(activityTypes.map((t) => [t, a[`activities|${t}`] ?? 0])),
    } }),
  },
  {
    key: 'self_managed_members', name: '自管党员', source: 'members', unit: 'count',
    definition: '评定期末在册（已审核通过、未离开或转出）的自管党员人数：所在党支部或工作单位为本企业（全称或简称，党支部可带“党支部/党总支/党委/党小组”等后缀），同城；另计本企业员工账号数及其中为自管党员者（员工党员占比）',
    read: ({ members: m }) => ({ key: 'self_managed_members', value: m.members, numbers: { members: m.members, staffAccounts: m.staffAccounts, staffMembers: m.staffMembers } }),
  },
];

export const measuredByKey = new Map(measuredCriteria.map((m) => [m.key, m]));

/** The request counters of a company (assignee) over the months, from the figures roll-ups. */
async function requestCounters(db: DbOrTx, w: MeasureWindow): Promise<Counters> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`
    SELECT ${sql.raw(counterSumsSql('t'))} FROM ${sql.raw(liveRollupSql('areaCounts'))} t
    WHERE t.level = 'company' AND t.area_id = ${w.companyId} AND t.category_id = 0
      AND t.month >= ${`${w.from}-01`}::date AND t.month <= ${`${w.to}-01`}::date`);
  return countersFromRow(row ?? {});
}

/** The suffixes a branch's name may carry after the company's name (鸿翔物业党支部, …). */
const branchSuffixes = ['', '党支部', '联合党支部', '党总支', '党委', '支部', '党小组', '党的工作小组', '党组织'];

/**
 * The company's 自管党员 at the end of the window (the first instant after its last month,
 * Shanghai): registrations of kind 自管 in the company's city whose work unit is the company's
 * name or short name, or whose branch is that name with a branch suffix — approved before the
 * end and not closed (left, transferred) by then. Counted per person (a transfer closes one row
 * as it opens the next). Beside them, the company's enabled staff accounts and how many of them
 * are such members (the accounts as they are now: grants keep no history).
 */
async function selfManagedMembers(db: DbOrTx, w: MeasureWindow): Promise<SelfManaged> {
  const [row] = await queryRows<{ members: number; staff_accounts: number; staff_members: number }>(db, sql`
    with co as (select id, city_id, name, short_name from property_companies where id = ${w.companyId}),
    fin as (select ((${`${w.to}-01`}::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai') as at),
    ours as (
      select distinct m.person_id from members m
      join communities cm on cm.id = m.community_id
      join co on co.city_id = cm.city_id
      cross join fin
      where m.kind = 'self_managed' and m.approved_at is not null and m.approved_at < fin.at
        and (m.closed_at is null or m.closed_at >= fin.at)
        and (btrim(m.work_unit) in (co.name, co.short_name)
          or btrim(m.branch_name) in (select n || s from unnest(array[co.name, co.short_name]) n, unnest(${`{${branchSuffixes.map((x) => `"${x}"`).join(',')}}`}::text[]) s))
    ),
    staff as (
      select distinct a.id, a.person_id from role_grants g join accounts a on a.id = g.account_id
      where g.scope_type = 'company' and g.scope_id = ${w.companyId} and not a.disabled
    )
    select (select count(*) from ours)::int as members, (select count(*) from staff)::int as staff_accounts,
      (select count(*) from staff where person_id in (select person_id from ours))::int as staff_members`);
  return { members: Number(row?.members ?? 0), staffAccounts: Number(row?.staff_accounts ?? 0), staffMembers: Number(row?.staff_members ?? 0) };
}

/** Counter → sum, and `counter|type` → sum, from rows broken down by type. */
function activityTotals(rows: readonly FigureRow[]): Record<string, number> {
  const out = totalsOf(rows);
  for (const r of rows) out[`${r.counter}|${r.dim ?? ''}`] = (out[`${r.counter}|${r.dim ?? ''}`] ?? 0) + r.n;
  return out;
}

/** Every declared measured criterion of a company over the window, in declaration order. */
export async function readMeasured(db: DbOrTx, w: MeasureWindow): Promise<MeasuredValue[]> {
  const window = { level: 'company' as const, areaIds: [w.companyId], from: w.from, to: w.to };
  const sources: Sources = {
    requests: await requestCounters(db, w),
    fees: totalsOf(await readFigures(db, { family: 'fees.rate', ...window, counters: ['households_paid', 'households_billed'] })),
    stations: totalsOf(await readFigures(db, { family: 'stations', ...window, counters: ['drills', 'attendances'] })),
    activities: activityTotals(await readFigures(db, { family: activityFigures.family, ...window, counters: ['activities', 'participant_times'], by: ['dim'] })),
    members: await selfManagedMembers(db, w),
  };
  return measuredCriteria.map((m) => m.read(sources));
}
