import { z } from 'zod';
import { line, text } from '../../kernel/dto.js';

/*
 * The rubric and the pure rules over it: what a score sheet must hold, its total, and the level
 * a total earns under the thresholds and the measured floors. No database here.
 */

export const dimensionKeys = ['organisation', 'team', 'management', 'service', 'image'] as const;
export type DimensionKey = (typeof dimensionKeys)[number];
/** 组织建设, 队伍建设, 日常管理, 服务质量, 社会形象. */
export const dimensionNames: Record<DimensionKey, string> = {
  organisation: '组织建设', team: '队伍建设', management: '日常管理', service: '服务质量', image: '社会形象',
};
export const starLevels = [3, 4, 5] as const;
export type StarLevel = (typeof starLevels)[number];

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case key').describe('Stable key of the criterion (a-z, 0-9, _)');

export const rubricCriterion = z.object({
  key,
  name: line({ max: 80 }).describe('What is judged, e.g. 设立党支部并规范开展组织生活'),
  points: z.number().int().min(1).max(100).describe('Most points it can give'),
  evidence: text({ max: 300 }).describe('The evidence expected (台账, 照片, 平台记录…)'),
  measure: z.string().max(40).optional().describe('Key of a measured criterion shown beside it'),
});

export const rubricContent = z.object({
  dimensions: z.array(z.object({
    key: z.enum(dimensionKeys),
    criteria: z.array(rubricCriterion).min(1).max(20),
  })).length(5).describe('The five dimensions, each once'),
  thresholds: z.object({ 3: z.number().int().min(1), 4: z.number().int().min(1), 5: z.number().int().min(1) })
    .describe('Least total for three, four and five stars (increasing)'),
  /** Measured key → level → least value (a rate 0–1, or for counts that must stay low, the most allowed with `max`). */
  floors: z.record(z.string().max(40), z.object({
    3: z.number().optional(), 4: z.number().optional(), 5: z.number().optional(),
    kind: z.enum(['min', 'max']).default('min').describe('min: the value must be at least; max: at most'),
  })).default({}).describe('Measured floors per level: a level needs every floor of it met'),
}).superRefine((r, ctx) => {
  if (new Set(r.dimensions.map((d) => d.key)).size !== 5) ctx.addIssue({ code: 'custom', message: 'each dimension once', path: ['dimensions'] });
  const keys = r.dimensions.flatMap((d) => d.criteria.map((c) => c.key));
  if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'criterion keys must be unique', path: ['dimensions'] });
  const max = maxPointsOf(r as RubricContent);
  if (!(r.thresholds[3] < r.thresholds[4] && r.thresholds[4] < r.thresholds[5] && r.thresholds[5] <= max)) {
    ctx.addIssue({ code: 'custom', message: `thresholds must increase and stay within ${max} points`, path: ['thresholds'] });
  }
});
export type RubricContent = z.infer<typeof rubricContent>;

/** criterion key → points given. */
export type ScoreSheet = Record<string, number>;

export interface EvidenceItem {
  criterionKey: string;
  kind: 'link' | 'record';
  title: string;
  /** An https link, or a platform path (/requests/12, /stations/3). */
  url: string;
}

/** One measured criterion's value as read for a rating (kept with certifications and lowerings). */
export interface MeasuredValue {
  key: string;
  value: number | null;
  numbers: Record<string, number>;
}
export interface MeasuredSnapshot {
  from: string;
  to: string;
  at: string;
  values: MeasuredValue[];
}

export function maxPointsOf(r: RubricContent): number {
  return r.dimensions.reduce((s, d) => s + d.criteria.reduce((t, c) => t + c.points, 0), 0);
}

export function criteriaOf(r: RubricContent) {
  return r.dimensions.flatMap((d) => d.criteria.map((c) => ({ ...c, dimension: d.key })));
}

/** Problems of a score sheet against the rubric: every criterion scored, 0 ≤ points ≤ its maximum, no unknown keys. */
export function sheetProblems(r: RubricContent, sheet: ScoreSheet): string[] {
  const out: string[] = [];
  const criteria = new Map(criteriaOf(r).map((c) => [c.key, c]));
  for (const k of Object.keys(sheet)) if (!criteria.has(k)) out.push(`unknown criterion ${k}`);
  for (const c of criteria.values()) {
    const v = sheet[c.key];
    if (v === undefined) out.push(`${c.key} is not scored`);
    else if (!Number.isInteger(v) || v < 0 || v > c.points) out.push(`${c.key} must be 0–${c.points}`);
  }
  return out;
}

/** The total of a sheet and its total per dimension. */
export function totalsOf(r: RubricContent, sheet: ScoreSheet): { total: number; byDimension: Record<DimensionKey, number> } {
  const byDimension = Object.fromEntries(dimensionKeys.map((k) => [k, 0])) as Record<DimensionKey, number>;
  for (const d of r.dimensions) for (const c of d.criteria) byDimension[d.key] += sheet[c.key] ?? 0;
  return { total: Object.values(byDimension).reduce((s, n) => s + n, 0), byDimension };
}

/** Does a measured value meet a level's floor? Unknown values (no data) do not fail a floor. */
export function meetsFloor(floor: RubricContent['floors'][string], level: StarLevel, value: number | null): boolean {
  const bound = floor[level];
  if (bound === undefined || value === null) return true;
  return floor.kind === 'max' ? value <= bound : value >= bound;
}

export interface LevelDecision {
  /** The highest level earned, or null when not even three stars. */
  level: StarLevel | null;
  /** The level the score alone reaches. */
  byScore: StarLevel | null;
  /** For each level the score reaches, the measured floors it misses. */
  missedFloors: { level: StarLevel; key: string; value: number; bound: number }[];
}

/**
 * The level of a score under the rubric: the highest of 5, 4, 3 whose threshold the score reaches
 * and whose measured floors are all met (a floor without data is not held against the company).
 */
export function levelFor(r: Pick<RubricContent, 'thresholds' | 'floors'>, score: number, measured: readonly MeasuredValue[] = []): LevelDecision {
  const values = new Map(measured.map((m) => [m.key, m.value]));
  const byScore = ([5, 4, 3] as const).find((l) => score >= r.thresholds[l]) ?? null;
  const missedFloors: LevelDecision['missedFloors'] = [];
  let level: StarLevel | null = null;
  for (const l of [5, 4, 3] as const) {
    if (score < r.thresholds[l]) continue;
    const missed = Object.entries(r.floors).filter(([k, f]) => !meetsFloor(f, l, values.get(k) ?? null))
      .map(([k, f]) => ({ level: l, key: k, value: values.get(k)!, bound: f[l]! }));
    missedFloors.push(...missed);
    if (missed.length === 0 && level === null) level = l;
  }
  return { level, byScore, missedFloors };
}

/** The mean of the committees' totals, rounded to a whole point; null when none assessed. */
export function meanTotal(totals: readonly number[]): number | null {
  return totals.length ? Math.round(totals.reduce((s, n) => s + n, 0) / totals.length) : null;
}

const c = (key: string, name: string, points: number, evidence: string, measure?: string) => ({ key, name, points, evidence, ...(measure && { measure }) });

/**
 * The rubric a city starts from (after Jiayuguan's 星级物业企业 scheme): 100 points over the five
 * dimensions; 90 / 80 / 70 for five / four / three stars; floors on what the platform measures.
 */
export const defaultRubric: RubricContent = {
  dimensions: [
    { key: 'organisation', criteria: [
      c('party_branch', '建立党组织或党的工作小组，规范开展组织生活', 8, '党组织成立批复、“三会一课”记录、自管党员名册', 'self_managed_members'),
      c('red_alliance', '加入红色物业联盟，参加联席会议', 6, '联席会议签到与纪要'),
      c('cross_posts', '与社区党委双向进入、交叉任职', 6, '任职文件'),
    ] },
    { key: 'team', criteria: [
      c('badge_duty', '党员亮牌上岗，设立党员责任岗、示范岗、先锋岗', 7, '三岗名单与照片'),
      c('training', '员工岗前与年度培训', 6, '培训计划、签到与考核记录'),
      c('rescue_team', '组建应急救援队并定期演练', 7, '队员名单、演练记录', 'station_drills'),
    ] },
    { key: 'management', criteria: [
      c('service_contract', '物业服务合同与收费标准公示', 7, '合同、公示照片'),
      c('facilities', '共用设施设备台账与维护保养', 7, '设施台账、维保记录'),
      c('fee_collection', '物业费收缴与收支公开', 6, '收支公示、缴费率', 'payment_rate'),
    ] },
    { key: 'service', criteria: [
      c('response', '报事报修快速响应（1小时内）', 10, '平台工单记录', 'response_rate'),
      c('resolution', '问题解决与处置合格', 10, '平台工单评价', 'qualification_rate'),
      c('satisfaction', '居民满意度', 10, '平台评价、满意度测评', 'satisfaction_rate'),
    ] },
    { key: 'image', criteria: [
      c('community_activities', '参与社区共建活动与志愿服务', 5, '活动记录与照片、平台活动签到', 'community_activities'),
      c('complaints', '无重大有效投诉、无安全责任事故', 5, '投诉台账', 'complaints'),
    ] },
  ],
  thresholds: { 3: 70, 4: 80, 5: 90 },
  floors: {
    response_rate: { 3: 0.8, 4: 0.9, 5: 0.95, kind: 'min' },
    qualification_rate: { 3: 0.9, 4: 0.95, 5: 0.98, kind: 'min' },
    payment_rate: { 3: 0.8, 4: 0.85, 5: 0.9, kind: 'min' },
  },
};
