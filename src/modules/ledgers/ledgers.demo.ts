import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import type { DemoAccountSpec, DemoContext } from '../../kernel/demo.js';
import type { AppContext } from '../../server/context.js';
import { shanghaiMonth, shanghaiMonthStart } from '../../shared/shanghai-time.js';
import type { Actor } from '../access/access.policy.js';
import { loadActor } from '../accounts/accounts.service.js';
import { addMonths, demoPeriods } from '../fees/fees.demo.js';
import { loadCompoundPlace, type CompoundPlace } from '../fees/fees.places.js';
import { feeSchedules } from '../fees/fees.schema.js';
import { listPassedVoteMatters } from './ledgers.authority.js';
import { proposeDecision, reviewDecision } from './ledgers.decisions.js';
import { publishDisclosure } from './ledgers.disclosures.js';
import { createProject, moveProject } from './ledgers.projects.js';
import { appendTimeline } from '../../kernel/workflow.js';
import { projectEvents, type LedgerKind, type LedgerRow } from './ledgers.schema.js';
import { ensureLedgers, ledgerTotals, recordEntry, type EntryInput } from './ledgers.service.js';

/*
 * Demo money in daylight: the ledgers of 鼎立小区A区, 卧龙小区, 橄榄城1期 and 海棠尊邸 with a year
 * of income and spending; the major decisions behind the spending, each reviewed by the
 * community party committee (one still waiting, one returned and resubmitted); Kaifeng's three
 * projects (800 m² of asphalt, 1,500 stairwell lights, 500 charging ports) and Changji's
 * fitness equipment (近10万元); monthly disclosures with the ledgers' heads, and one correction.
 * Everything goes through the module's services with the demo accounts, at past times.
 */
export const ledgersDemoAccounts: DemoAccountSpec[] = [
  {
    username: 'community4', description: '社区 · 昌吉 园区核心区社区 居委会 / 党委', name: '古丽米拉', gender: 'female', phone: '13609946606', city: 'changji',
    grants: [{ role: 'community_staff', scope: 'community', target: '园区核心区社区' }, { role: 'party_committee', scope: 'community', target: '园区核心区社区' }],
  },
  {
    username: 'property4', description: '物业 · 嘉美物业（昌吉 海棠尊邸）', name: '马建新', gender: 'male', phone: '13709946607', city: 'changji',
    grants: [{ role: 'property_staff', scope: 'company', target: '嘉美物业' }],
  },
];

const noBus = { publish: async () => undefined, subscribe: () => () => undefined, close: async () => undefined };

/** The services' context at a past moment (the demo writes a year of history). */
function at(ctx: DemoContext, when: Date): AppContext {
  return { db: ctx.db, clock: { now: () => when }, events: noBus, channels: [] } as unknown as AppContext;
}

const yuan = (y: number) => Math.round(y * 100);
const day = (month: string, d: number, hour = 10) => new Date(shanghaiMonthStart(month).getTime() + (d - 1) * 86_400_000 + hour * 3_600_000);

interface Who { actor: Actor }
async function who(ctx: DemoContext, username: string): Promise<Who> {
  return { actor: (await loadActor(ctx.db, ctx.accounts.get(username)!.accountId))! };
}

class Books {
  constructor(private readonly ctx: DemoContext, readonly place: CompoundPlace, readonly ledgers: Record<LedgerKind, LedgerRow>) {}

  static async open(ctx: DemoContext, compound: string): Promise<Books | undefined> {
    const known = ctx.places.compounds.get(compound);
    if (!known) return undefined;
    const place = (await loadCompoundPlace(ctx.db, known.id))!;
    const rows = await ensureLedgers(ctx.db, place);
    return new Books(ctx, place, Object.fromEntries(rows.map((l) => [l.kind, l])) as Record<LedgerKind, LedgerRow>);
  }

  /** Entries and disclosures wait here and are written in time order (a ledger reads as it happened). */
  private readonly queue: { when: Date; order: number; run: () => Promise<unknown> }[] = [];

  later(when: Date, run: () => Promise<unknown>) {
    this.queue.push({ when, order: this.queue.length, run });
  }

  entry(kind: LedgerKind, actor: Actor, when: Date, entry: Omit<EntryInput, 'at'>) {
    this.later(when, () => recordEntry(this.ctx.db, { actor, ledger: this.ledgers[kind], place: this.place, entry: { ...entry, at: when.toISOString() }, now: when }));
  }

  async flush() {
    const items = this.queue.splice(0).sort((a, b) => a.when.getTime() - b.when.getTime() || a.order - b.order);
    for (const item of items) await item.run();
  }

  /** The fees actually collected per month, booked as the service account's income under the schedule. */
  async feeIncome(actor: Actor, months: string[]) {
    const [schedule] = await this.ctx.db.select({ id: feeSchedules.id }).from(feeSchedules).where(eq(feeSchedules.compoundId, this.place.compoundId));
    const rows = await queryRows<{ month: string; n: number; fen: number }>(this.ctx.db, sql`
      select to_char(paid_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as n, sum(amount_fen)::bigint as fen
      from fee_payments where compound_id = ${this.place.compoundId} group by 1 order by 1`);
    const income = new Map(rows.map((r) => [r.month, r]));
    return { scheduleRef: schedule ? `fee-schedule:${schedule.id}` : null, byMonth: months.map((m) => ({ month: m, fen: Number(income.get(m)?.fen ?? 0), payments: income.get(m)?.n ?? 0 })) };
  }

  async balance(kind: LedgerKind) {
    return (await ledgerTotals(this.ctx.db, [this.ledgers[kind].id])).get(this.ledgers[kind].id)!.balanceFen;
  }
}

async function decide(ctx: DemoContext, input: { books: Books; proposer: Who; reviewer: Who; when: Date; kind: 'project' | 'fee_change' | 'fund_use' | 'other'; title: string; summary: string; basisRef?: string | null; amountFen?: number; returnFirst?: string; pending?: boolean }) {
  const d = await proposeDecision({ ctx: at(ctx, input.when), actor: input.proposer.actor, input: { compoundId: input.books.place.compoundId, kind: input.kind, title: input.title, summary: input.summary, basisRef: input.basisRef ?? null, amountFen: input.amountFen ?? null } });
  if (input.pending) return d;
  let t = input.when.getTime() + 2 * 86_400_000;
  if (input.returnFirst) {
    await reviewDecision({ ctx: at(ctx, new Date(t)), actor: input.reviewer.actor, decisionId: d.id, action: 'return', reason: input.returnFirst });
    t += 3 * 86_400_000;
    await reviewDecision({ ctx: at(ctx, new Date(t)), actor: input.proposer.actor, decisionId: d.id, action: 'resubmit', reason: '已按要求补充材料' });
    t += 2 * 86_400_000;
  }
  return reviewDecision({ ctx: at(ctx, new Date(t)), actor: input.reviewer.actor, decisionId: d.id, action: 'approve', reason: '经社区党委会议审核，同意实施，请按程序公示。' });
}

async function milestone(ctx: DemoContext, projectId: number, communityId: number, actor: Actor, when: Date, title: string, note: string) {
  await appendTimeline(ctx.db, projectEvents, [{ communityId, subjectId: projectId, at: when, actor, action: 'milestone', note, data: { title } }]);
}

type DisclosureInput = { category: 'maintenance_fund' | 'statute' | 'decisions' | 'service_contract' | 'common_parts' | 'parking' | 'fees' | 'project'; period: string; title: string; body: string | (() => Promise<string>); ledger?: LedgerKind; correctsId?: () => number | undefined };

/** Publishes in time order with the entries; resolves to the disclosure's id once written. */
function disclose(ctx: DemoContext, books: Books, publisher: Who, when: Date, input: DisclosureInput): { id: () => number | undefined } {
  let id: number | undefined;
  books.later(when, async () => {
    const body = typeof input.body === 'function' ? await input.body() : input.body;
    const d = await publishDisclosure({ ctx: at(ctx, when), actor: publisher.actor, input: { compoundId: books.place.compoundId, category: input.category, period: input.period, title: input.title, body, ledgerId: input.ledger ? books.ledgers[input.ledger].id : null, correctsId: input.correctsId?.() ?? null } });
    id = d.id;
  });
  return { id: () => id };
}

const fmt = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;

/** A service account: the collected fees in, the year's running costs out (about 90 % of what came in). */
async function serviceAccount(ctx: DemoContext, books: Books, keeper: Who, budget: { id: number }, months: string[], costs: [string, number][]) {
  const { scheduleRef, byMonth } = await books.feeIncome(keeper.actor, months);
  for (const m of byMonth) {
    if (m.fen === 0) continue;
    books.entry('property_service', keeper.actor, day(addMonths(m.month, 1), 1, 9), { type: 'income', amountFen: m.fen, category: '物业费收入', memo: `${m.month} 收取物业费 ${m.payments} 笔`, decisionRef: scheduleRef });
    let left = Math.floor(m.fen * 0.9);
    for (const [name, share] of costs) {
      const amount = Math.min(left, Math.round(m.fen * share));
      if (amount <= 0) continue;
      left -= amount;
      books.entry('property_service', keeper.actor, day(addMonths(m.month, 1), 5, 15), { type: 'expense', amountFen: amount, category: name, memo: `${m.month} ${name}`, decisionRef: `decision:${budget.id}` });
    }
  }
}

export async function seedLedgersDemo(ctx: DemoContext): Promise<void> {
  const now = ctx.clock.now();
  const months = demoPeriods(now);
  const first = months[0]!;
  const current = shanghaiMonth(now);
  const recent = months.slice(-3);

  // ——— 鼎立小区A区: the service account, the maintenance fund (road), common income (stairwell lights).
  const dingli = await Books.open(ctx, '鼎立小区A区');
  if (dingli) {
    const [property1, committee1, community1] = await Promise.all([who(ctx, 'property1'), who(ctx, 'committee1'), who(ctx, 'community1')]);
    const budget = await decide(ctx, { books: dingli, proposer: property1, reviewer: community1, when: day(first, 3), kind: 'other', title: `${first.slice(0, 4)}年度物业服务收支预算`, summary: '保洁、秩序维护、绿化养护、公共设施维修及管理费用，按月公示收支。' });
    await serviceAccount(ctx, dingli, property1, budget, months, [['保洁服务', 0.32], ['秩序维护', 0.28], ['绿化养护', 0.1], ['公共设施维修', 0.12], ['管理费用', 0.08]]);
    dingli.entry('maintenance_fund', committee1.actor, day(first, 8), { type: 'income', amountFen: yuan(862_400), category: '维修资金归集', memo: '专项维修资金账户余额转入（房管局专户对账）' });
    dingli.entry('maintenance_fund', committee1.actor, day(addMonths(first, 6), 21), { type: 'income', amountFen: yuan(7_115.6), category: '利息收入', memo: '上半年专户利息' });
    for (const m of months) {
      dingli.entry('common_income', committee1.actor, day(addMonths(m, 1), 2), { type: 'income', amountFen: yuan(3_800 + (Number(m.slice(5)) % 3) * 350), category: '停车收入', memo: `${m} 地面停车位 76 个` });
      dingli.entry('common_income', committee1.actor, day(addMonths(m, 1), 2, 11), { type: 'income', amountFen: yuan(3_000), category: '广告收入', memo: `${m} 单元门广告位 28 个` });
    }
    // The road: the maintenance fund pays under the owners' passed vote (votes module), if it is wired.
    const passed = (await listPassedVoteMatters({ db: ctx.db, actor: committee1.actor, compoundId: dingli.place.compoundId })).find((m) => /路/.test(m.title));
    const road = await decide(ctx, {
      books: dingli, proposer: committee1, reviewer: community1, when: day(addMonths(first, 4), 10), kind: 'project', title: 'A区主干道沥青路面改造（800 m²）',
      summary: '主干道破损严重、雨天积水。拟铣刨重铺沥青 800 m²，预算 14.4 万元，从专项维修资金列支；三家报价，选最低价。',
      basisRef: passed ? `vote-matter:${passed.matterId}` : null, amountFen: yuan(144_000), returnFirst: '请补充三家施工单位报价及业主表决结果。',
    });
    const roadProject = await createProject({ ctx: at(ctx, day(addMonths(first, 5), 12)), actor: committee1.actor, input: {
      compoundId: dingli.place.compoundId, title: 'A区主干道沥青路面改造', category: 'road', description: '铣刨旧路面、重铺 5 cm 沥青混凝土，同步疏通雨水口 6 处。', scope: '800 m²',
      budgetFen: yuan(144_000), ledgerId: dingli.ledgers.maintenance_fund.id, fundingNote: '专项维修资金', contractor: '开封市市政工程有限公司', decisionId: road.id, startedOn: `${addMonths(first, 5)}-12`,
    } });
    await milestone(ctx, roadProject.id, dingli.place.communityId, committee1.actor, day(addMonths(first, 5), 20), '旧路面铣刨完成', '铣刨 800 m²，雨水口清淤 6 处，业委会、物业、社区现场查看。');
    await milestone(ctx, roadProject.id, dingli.place.communityId, committee1.actor, day(addMonths(first, 6), 3), '沥青摊铺完成', '摊铺碾压完成，平整度抽检合格。');
    if (passed) {
      dingli.entry('maintenance_fund', committee1.actor, day(addMonths(first, 5), 15), { type: 'expense', amountFen: yuan(57_600), category: '道路维修', memo: 'A区主干道沥青改造 预付款 40%', decisionRef: `decision:${road.id}` });
      dingli.entry('maintenance_fund', committee1.actor, day(addMonths(first, 6), 10), { type: 'expense', amountFen: yuan(79_200), category: '道路维修', memo: 'A区主干道沥青改造 进度款 55%', decisionRef: `decision:${road.id}` });
      await moveProject({ ctx: at(ctx, day(addMonths(first, 6), 12)), actor: community1.actor, projectId: roadProject.id, action: 'complete', note: '施工完成，申请验收' });
      await moveProject({ ctx: at(ctx, day(addMonths(first, 6), 18)), actor: committee1.actor, projectId: roadProject.id, action: 'accept', note: '业委会组织验收：面层平整、无积水，验收合格；质保金 5% 一年后支付。' });
    }
    // Stairwell lights from common income.
    const lights = await decide(ctx, { books: dingli, proposer: committee1, reviewer: community1, when: day(addMonths(first, 8), 6), kind: 'fund_use', title: '楼道声控灯更换为LED感应灯（1,500 盏）', summary: '使用公共收益更换全部楼道灯 1,500 盏，预算 6.75 万元。', amountFen: yuan(67_500) });
    const lightsProject = await createProject({ ctx: at(ctx, day(addMonths(first, 8), 15)), actor: committee1.actor, input: {
      compoundId: dingli.place.compoundId, title: '楼道照明改造', category: 'lighting', description: '14 栋楼 28 个单元楼道灯全部更换为 LED 人体感应灯。', scope: '1,500 盏',
      budgetFen: yuan(67_500), ledgerId: dingli.ledgers.common_income.id, fundingNote: '公共收益（停车、广告）', contractor: '开封亮点照明工程部', decisionId: lights.id, startedOn: `${addMonths(first, 8)}-15`,
    } });
    dingli.entry('common_income', committee1.actor, day(addMonths(first, 9), 2, 15), { type: 'expense', amountFen: yuan(40_500), category: '照明改造', memo: '楼道LED感应灯 900 盏', decisionRef: `decision:${lights.id}` });
    await milestone(ctx, lightsProject.id, dingli.place.communityId, committee1.actor, day(addMonths(first, 9), 12), '1—8号楼完成', '已更换 900 盏，居民反映夜间出行方便多了。');
    dingli.entry('common_income', committee1.actor, day(addMonths(first, 10), 3, 15), { type: 'expense', amountFen: yuan(27_000), category: '照明改造', memo: '楼道LED感应灯 600 盏', decisionRef: `decision:${lights.id}` });
    await milestone(ctx, lightsProject.id, dingli.place.communityId, committee1.actor, day(addMonths(first, 10), 20), '9—14号楼完成', '全部 1,500 盏更换完毕，待业委会验收。');
    await moveProject({ ctx: at(ctx, day(addMonths(first, 10), 21)), actor: community1.actor, projectId: lightsProject.id, action: 'complete', note: '全部完成，申请验收' });
    // A fee change waiting for the party committee.
    await decide(ctx, { books: dingli, proposer: property1, reviewer: community1, when: day(current, 1, 9), kind: 'fee_change', title: '物业服务费调整（多层 0.65 → 0.75 元/㎡·月）', summary: '人工及材料成本上涨，拟自下年度起调整物业服务费；已开展入户意见征询，同意率 68%。', pending: true });
    // Disclosures: the last three months of each ledger, the contract, and one correction.
    for (const m of recent) {
      const when = day(addMonths(m, 1), 6, 9);
      disclose(ctx, dingli, committee1, when, { category: 'maintenance_fund', period: m, title: `${m.replace('-', '年')}月 专项维修资金收支公示`, body: async () => `截至${m}月末专项维修资金余额 ${fmt(await dingli.balance('maintenance_fund'))}。本期收支明细见账目，原始凭证可向业主委员会申请查阅。`, ledger: 'maintenance_fund' });
      disclose(ctx, dingli, property1, new Date(when.getTime() + 3_600_000), { category: 'fees', period: m, title: `${m.replace('-', '年')}月 物业服务费收支公示`, body: '本月物业费收入及保洁、秩序维护、绿化、维修等支出明细如账目所列，欢迎业主监督。', ledger: 'property_service' });
    }
    const parking = disclose(ctx, dingli, committee1, day(addMonths(recent[0]!, 1), 8), { category: 'common_parts', period: recent[0]!, title: `${recent[0]!.replace('-', '年')}月 公共收益（停车、广告）公示`, body: '停车收入 3,800 元，广告收入 2,600 元，合计 6,400 元，存入公共收益账户。', ledger: 'common_income' });
    disclose(ctx, dingli, committee1, day(addMonths(recent[0]!, 1), 9), { category: 'common_parts', period: recent[0]!, title: `更正：${recent[0]!.replace('-', '年')}月 公共收益公示`, body: '广告收入应为 3,000 元（原公示误为 2,600 元），合计 6,800 元，特此更正。', ledger: 'common_income', correctsId: parking.id });
    disclose(ctx, dingli, property1, day(first, 15), { category: 'service_contract', period: first, title: '物业服务合同（鸿翔物业 · 鼎立小区A区）', body: `服务期限三年；服务内容：公共区域保洁、秩序维护、绿化养护、共用设施设备维护；收费标准：多层住宅 0.65 元/㎡·月，生活垃圾清运费 8 元/户·月。` });
    await dingli.flush();
  }

  // ——— 卧龙小区: self-governed; the owners' committee collects and keeps the account.
  const wolong = await Books.open(ctx, '卧龙小区');
  if (wolong) {
    const [committee2, community3] = await Promise.all([who(ctx, 'committee2'), who(ctx, 'community3')]);
    const budget = await decide(ctx, { books: wolong, proposer: committee2, reviewer: community3, when: day(first, 2), kind: 'other', title: '卧龙小区自治管理年度预算', summary: '聘请保洁员 1 名、门卫 2 名，公共照明电费及零星维修，收支每月公示。' });
    await serviceAccount(ctx, wolong, committee2, budget, months, [['保洁员工资', 0.38], ['门卫工资', 0.34], ['公共照明电费', 0.08], ['零星维修', 0.06]]);
    for (const m of recent) {
      disclose(ctx, wolong, committee2, day(addMonths(m, 1), 6, 10), { category: 'fees', period: m, title: `卧龙小区 ${m.replace('-', '年')}月 自治服务费收支公示`, body: '本小区为居民自治小区，服务费由业主委员会代收代支。本月收支明细见账目；91 户按时缴费，感谢大家支持。', ledger: 'property_service' });
    }
    disclose(ctx, wolong, committee2, day(first, 20), { category: 'statute', period: first, title: '卧龙小区管理规约', body: '经业主大会表决通过：公共区域不得堆放杂物、不得私拉电线为电动车充电；服务费按建筑面积 0.35 元/㎡·月收取，收支每月公示。' });
    await wolong.flush();
  }

  // ——— 橄榄城1期: 500 charging ports from the property company's common income.
  const ganlan = await Books.open(ctx, '橄榄城1期');
  if (ganlan) {
    const [property2, community2] = await Promise.all([who(ctx, 'property2'), who(ctx, 'community2')]);
    for (const m of months) ganlan.entry('common_income', property2.actor, day(addMonths(m, 1), 3), { type: 'income', amountFen: yuan(14_600), category: '停车收入', memo: `${m} 地下车位临停及月租` });
    const charging = await decide(ctx, { books: ganlan, proposer: property2, reviewer: community2, when: day(addMonths(first, 6), 5), kind: 'project', title: '新增电动车集中充电端口 500 个', summary: '杜绝楼道充电、飞线充电，建设 4 处集中充电棚 500 个端口，公共收益列支。', amountFen: yuan(150_000) });
    const p = await createProject({ ctx: at(ctx, day(addMonths(first, 7), 1)), actor: property2.actor, input: {
      compoundId: ganlan.place.compoundId, title: '电动车集中充电设施', category: 'charging', description: '4 处充电棚、500 个智能充电端口，扫码计费、过载断电。', scope: '500 个端口',
      budgetFen: yuan(150_000), ledgerId: ganlan.ledgers.common_income.id, fundingNote: '公共收益（停车）', contractor: '河南绿能充电科技有限公司', decisionId: charging.id, startedOn: `${addMonths(first, 7)}-01`,
    } });
    ganlan.entry('common_income', property2.actor, day(addMonths(first, 7), 10), { type: 'expense', amountFen: yuan(60_000), category: '充电设施', memo: '充电桩首批 200 个端口', decisionRef: `decision:${charging.id}` });
    await milestone(ctx, p.id, ganlan.place.communityId, property2.actor, day(addMonths(first, 7), 25), '首批 200 个端口投用', '1、2号充电棚投入使用。');
    ganlan.entry('common_income', property2.actor, day(addMonths(first, 9), 12), { type: 'expense', amountFen: yuan(54_000), category: '充电设施', memo: '充电桩第二批 180 个端口', decisionRef: `decision:${charging.id}` });
    await milestone(ctx, p.id, ganlan.place.communityId, property2.actor, day(addMonths(first, 9), 28), '第二批 180 个端口投用', '3号充电棚投入使用，剩余 120 个端口施工中。');
    disclose(ctx, ganlan, property2, day(addMonths(first, 10), 2), { category: 'project', period: addMonths(first, 9), title: '电动车集中充电设施建设进度公示', body: '已投用 380 个端口，支出 11.4 万元，剩余 120 个端口预计下月完工。', ledger: 'common_income' });
    await ganlan.flush();
  }

  // ——— 海棠尊邸 (Changji): nearly 100,000 yuan of fitness equipment from common income.
  const haitang = await Books.open(ctx, '海棠尊邸');
  if (haitang) {
    const [property4, community4] = await Promise.all([who(ctx, 'property4'), who(ctx, 'community4')]);
    for (const m of months) haitang.entry('common_income', property4.actor, day(addMonths(m, 1), 3), { type: 'income', amountFen: yuan(17_000), category: '停车及广告收入', memo: `${m} 公共收益` });
    const fitness = await decide(ctx, { books: haitang, proposer: property4, reviewer: community4, when: day(addMonths(first, 5), 8), kind: 'project', title: '小区健身器材采购安装', summary: '在中心花园安装室外健身器材 18 件、乒乓球台 2 张，公共收益列支，预算 9.86 万元。', amountFen: yuan(98_600), returnFirst: '请征求居民意见后再报，并明确后期维护责任。' });
    const p = await createProject({ ctx: at(ctx, day(addMonths(first, 6), 10)), actor: property4.actor, input: {
      compoundId: haitang.place.compoundId, title: '中心花园健身器材', category: 'fitness', description: '室外健身器材 18 件、乒乓球台 2 张，铺设塑胶地面 260 m²。', scope: '20 件器材',
      budgetFen: yuan(98_600), ledgerId: haitang.ledgers.common_income.id, fundingNote: '公共收益', contractor: '新疆康体体育设施有限公司', decisionId: fitness.id, startedOn: `${addMonths(first, 6)}-10`,
    } });
    haitang.entry('common_income', property4.actor, day(addMonths(first, 6), 28), { type: 'expense', amountFen: yuan(96_800), category: '健身器材', memo: '健身器材 18 件、乒乓球台 2 张及塑胶地面', decisionRef: `decision:${fitness.id}` });
    await milestone(ctx, p.id, haitang.place.communityId, property4.actor, day(addMonths(first, 7), 6), '器材安装完成', '18 件器材、2 张球台安装完毕，塑胶地面铺设完成。');
    await moveProject({ ctx: at(ctx, day(addMonths(first, 7), 8)), actor: community4.actor, projectId: p.id, action: 'complete', note: '安装完成，申请验收' });
    disclose(ctx, haitang, community4, day(addMonths(first, 7), 12), { category: 'project', period: addMonths(first, 7), title: '健身器材采购安装结算公示', body: '预算 9.86 万元，实际支出 9.68 万元（含塑胶地面），节余 0.18 万元留存公共收益。', ledger: 'common_income' });
    await haitang.flush();
  }
}
