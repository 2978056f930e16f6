import { eq } from 'drizzle-orm';
import type { DemoAccountSpec, DemoContext } from '../../kernel/demo.js';
import type { AppContext } from '../../server/context.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import { loadActor } from '../accounts/accounts.service.js';
import { compounds } from '../places/places.schema.js';
import { createCycle } from './ratings.cycles.js';
import { criteriaOf, defaultRubric, type EvidenceItem, type ScoreSheet } from './ratings.rubric.js';
import { certifyRating, createRating, lowerRating, submitAssessment, submitSelfEvaluation } from './ratings.service.js';

/*
 * The demo ratings, replayed through the services with the clock set to each step's day:
 * - 开封 2025年度 (certified): 鸿翔物业 five stars (红榜), 宏润物业 four stars lowered to three
 *   in the autumn after upheld complaints, the company's answer on record (警示榜) — dept1;
 * - 嘉峪关 2025年度: 和诚物业 across its 19 compounds in 祁连社区 (the demo city has three: the
 *   other sixteen are added here), five stars awarded jointly (联合授牌) — dept2, qilian1;
 * - 开封 2026年度 (open): 鸿翔物业's self-evaluation waiting for community1's assessment.
 */

export const ratingDemoAccounts: DemoAccountSpec[] = [
  {
    username: 'dept2', description: '房管局 · 嘉峪关市住建局物业服务中心（星级评定复核认定）', name: '马丽君', gender: 'female', phone: '13309379901', city: 'jiayuguan',
    grants: [{ role: 'dept_staff', scope: 'city', target: 'jiayuguan' }],
  },
  {
    username: 'qilian1', description: '社区 · 嘉峪关 祁连社区党委（星级测评）', name: '王晓东', gender: 'male', phone: '13609376601', city: 'jiayuguan',
    grants: [{ role: 'community_staff', scope: 'community', target: '祁连社区' }, { role: 'party_committee', scope: 'community', target: '祁连社区' }],
  },
  {
    username: 'hecheng1', description: '物业 · 嘉峪关 和诚物业（服务19个小区，星级自评申报）', name: '李志刚', gender: 'male', phone: '13709375501', city: 'jiayuguan',
    grants: [{ role: 'property_staff', scope: 'company', target: '和诚物业' }],
  },
];

/** The sixteen more compounds 和诚物业 serves in 祁连社区 (the report: 19 in all). */
const hechengCompounds = [
  '祁连东苑', '祁连西苑', '五一小区', '五一家园', '雄关东区', '雄关西区', '镜铁小区', '峪泉花园',
  '长城小区', '嘉园小区', '和诚新苑', '迎宾小区', '铁鑫苑', '酒钢一号院', '酒钢二号院', '新华北苑',
];

/** A sheet giving about `share` of each criterion's points (deterministic from the rng). */
function sheetAt(ctx: DemoContext, share: number): ScoreSheet {
  return Object.fromEntries(criteriaOf(defaultRubric).map((c) => {
    const jitter = ctx.rng.int(-1, 1);
    return [c.key, Math.max(0, Math.min(c.points, Math.round(c.points * share) + jitter))];
  }));
}

const evidence = (company: string): EvidenceItem[] => [
  { criterionKey: 'party_branch', kind: 'link', title: `${company}党支部成立批复`, url: 'https://www.example.gov.cn/dangjian/pifu.pdf' },
  { criterionKey: 'response', kind: 'record', title: '平台工单记录', url: '/requests' },
  { criterionKey: 'rescue_team', kind: 'record', title: '应急服务站演练记录', url: '/stations' },
  { criterionKey: 'fee_collection', kind: 'record', title: '物业费收缴与公示', url: '/fees' },
];

export async function seedRatingsDemo(ctx: DemoContext): Promise<void> {
  const { db } = ctx;
  const now = ctx.clock.now();
  const year = Number(shanghaiDate(now).slice(0, 4));
  const last = year - 1;
  const at = (day: string, hour = 10) => {
    const t = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
    return t < now ? t : new Date(now.getTime() - 3_600_000);
  };
  const ctxAt = (t: Date) => ({ db, clock: { now: () => t } }) as unknown as AppContext;
  const actor = async (username: string) => (await loadActor(db, ctx.accounts.get(username)!.accountId))!;

  // 和诚物业's other sixteen compounds in 祁连社区.
  const qilian = ctx.places.communities.get('祁连社区')!;
  const hecheng = ctx.places.companies.get('和诚物业')!;
  const existing = new Set((await db.select({ name: compounds.name }).from(compounds).where(eq(compounds.communityId, qilian.id))).map((r) => r.name));
  const extra = hechengCompounds.filter((n) => !existing.has(n));
  if (extra.length) {
    await db.insert(compounds).values(extra.map((name, i) => ({
      communityId: qilian.id, cityId: qilian.cityId, name, address: `嘉峪关市雄关区祁连路${60 + i * 4}号`, lat: 39.8021 + (i % 4) * 0.0012, lng: 98.2891 + Math.floor(i / 4) * 0.0015,
      propertyCompanyId: hecheng, builtYear: 1995 + (i % 20),
    })));
  }

  const dept1 = await actor('dept1');
  const dept2 = await actor('dept2');
  const property1 = await actor('property1');
  const property2 = await actor('property2');
  const hecheng1 = await actor('hecheng1');
  const community1 = await actor('community1');
  const community2 = await actor('community2');
  const qilian1 = await actor('qilian1');
  const hongxiang = ctx.places.companies.get('鸿翔物业')!;
  const hongrun = ctx.places.companies.get('宏润物业')!;

  // 开封 and 嘉峪关, last year's cycle: opened in January, certified in March.
  const cycleOf = async (dept: typeof dept1) => createCycle({ ctx: ctxAt(at(`${year}-01-05`)), actor: dept, input: {
    year: last, periodFrom: `${last}-01`, periodTo: `${last}-12`, applyBy: `${year}-02-28`,
  } });
  const kaifengLast = await cycleOf(dept1);
  const jiayuguanLast = await cycleOf(dept2);

  const fullRound = async (o: { cycleId: number; companyId: number; company: typeof property1; committees: (typeof community1)[]; dept: typeof dept1; applied: number; self: number; assessed: number[]; level: number; score: number; reason: string }) => {
    const id = await createRating({ ctx: ctxAt(at(`${year}-01-10`)), actor: o.company, input: { cycleId: o.cycleId, companyId: o.companyId, appliedLevel: o.applied } });
    const name = o.company.name;
    await submitSelfEvaluation({ ctx: ctxAt(at(`${year}-01-20`)), actor: o.company, ratingId: id, input: { scores: sheetAt(ctx, o.self), evidence: evidence(name), note: '对照评定细则逐项自评，台账与平台记录附后。' } });
    for (const [i, committee] of o.committees.entries()) {
      await submitAssessment({ ctx: ctxAt(at(`${year}-02-${String(10 + i * 3).padStart(2, '0')}`)), actor: committee, ratingId: id, input: {
        scores: sheetAt(ctx, o.assessed[i]!), opinion: '经入户走访、查阅台账、听取业主代表意见，同意按测评分数报送。',
      } });
    }
    await certifyRating({ ctx: ctxAt(at(`${year}-03-06`)), actor: o.dept, ratingId: id, input: { level: o.level, score: o.score, reason: o.reason } });
    return id;
  };

  await fullRound({
    cycleId: kaifengLast, companyId: hongxiang, company: property1, committees: [community1], dept: dept1, applied: 5, self: 0.96, assessed: [0.93], level: 5, score: 93,
    reason: '社区党委测评93分，响应及时、处置合格率高，物业费收缴与公示规范；经复核认定为五星级，与鼎立社区党委联合授牌。',
  });
  const hongrunLast = await fullRound({
    cycleId: kaifengLast, companyId: hongrun, company: property2, committees: [community2], dept: dept1, applied: 5, self: 0.92, assessed: [0.84], level: 4, score: 84,
    reason: '自评92分、社区党委测评84分：新建小区设施管理规范，但业主议事参与和投诉处理有差距；认定为四星级。',
  });
  await fullRound({
    cycleId: jiayuguanLast, companyId: hecheng, company: hecheng1, committees: [qilian1], dept: dept2, applied: 5, self: 0.95, assessed: [0.92], level: 5, score: 92,
    reason: '和诚物业服务祁连社区19个小区，党支部建在项目上、亮牌上岗，老旧小区服务到位；经复核认定为五星级，住建局与祁连社区党委联合授牌。',
  });

  // 宏润物业 lowered mid-year: upheld complaints, the company told and answering.
  await lowerRating({ ctx: ctxAt(at(`${year}-09-08`)), actor: dept1, ratingId: hongrunLast, input: {
    step: 'propose', toLevel: 3, grounds: 'complaints', answerDays: 10,
    reason: '二、三季度橄榄城小区电梯故障投诉经核查属实3起，处置超时；拟降为三星级，请于10日内书面说明。',
  } });
  await lowerRating({ ctx: ctxAt(at(`${year}-09-14`)), actor: property2, ratingId: hongrunLast, input: {
    step: 'answer', answer: '已更换2号楼、5号楼电梯主板并与维保单位签订2小时到场协议；恳请保留四星级，接受季度复查。',
  } });
  await lowerRating({ ctx: ctxAt(at(`${year}-09-25`)), actor: dept1, ratingId: hongrunLast, input: {
    step: 'decide', decision: 'lower', reason: '整改措施已采纳，但投诉查实且超时属实，按细则降为三星级；下一年度重新评定。',
  } });

  // 开封 this year's cycle, open: 鸿翔物业 has self-evaluated and waits for 鼎立社区党委 (community1).
  const openAt = at(`${year}-11-20`);
  const kaifengNow = await createCycle({ ctx: ctxAt(openAt), actor: dept1, input: {
    year, periodFrom: `${year}-01`, periodTo: `${year}-12`, applyBy: `${year + 1}-01-31`,
  } });
  const waiting = await createRating({ ctx: ctxAt(openAt), actor: property1, input: { cycleId: kaifengNow, companyId: hongxiang, appliedLevel: 5 } });
  await submitSelfEvaluation({ ctx: ctxAt(at(`${year}-11-25`)), actor: property1, ratingId: waiting, input: {
    scores: sheetAt(ctx, 0.95), evidence: evidence('鸿翔物业'), note: '本年度新增应急服务站并开展演练，工单均在平台办理。',
  } });
  await createRating({ ctx: ctxAt(openAt), actor: property2, input: { cycleId: kaifengNow, companyId: hongrun, appliedLevel: 4 } });
}
