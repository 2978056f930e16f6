/*
 * The tally of an owners' joint decision (Civil Code art. 278; 法释〔2009〕7号 arts. 8–9), pure and
 * in exact integer arithmetic: areas are hundredths of a square metre, every comparison is a
 * cross-multiplication of integers, so no float ever decides a vote.
 *
 * - Participation (双三分之二): the voters who cast a ballot hold ≥ 2/3 of the total area AND
 *   are ≥ 2/3 of the total heads ("以上" includes the boundary).
 * - Ordinary matter: more than 1/2 of the participating area AND more than 1/2 of the
 *   participating heads agree (exactly half fails: "过半数").
 * - Special matter (items 6–8: raising the maintenance fund, rebuilding, changing the use of
 *   common parts or running a business on them): ≥ 3/4 of both.
 *
 * The same rule, written again in plain JavaScript, is the `vote` summary rule of
 * scripts/verify-export.mjs, and a test holds the two to the same answers.
 */

export type MatterClass = 'ordinary' | 'special';
export type Answer = 'agree' | 'oppose' | 'abstain';

/** One voter of the electorate: one head (or the developer's units together), with their area. */
export interface TallyVoter {
  voterKey: string;
  heads: number;
  areaHundredths: number;
}

export interface TallyBallot {
  voterKey: string;
  answers: Record<string, Answer>;
}

export interface TallyMatter {
  matterId: string;
  class: MatterClass;
}

/** The four numbers of one matter and its verdicts, as the export's result entry holds them. */
export interface MatterTally {
  participationAreaHundredths: number;
  participationHeads: number;
  agreeAreaHundredths: number;
  agreeHeads: number;
  quorum: boolean;
  passed: boolean;
}

export interface TallyInput {
  voters: readonly TallyVoter[];
  ballots: readonly TallyBallot[];
  matters: readonly TallyMatter[];
}

export interface TallyResult {
  totalAreaHundredths: number;
  totalHeads: number;
  matters: Record<string, MatterTally>;
}

function add(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new Error('tally: sum beyond exact integers');
  return s;
}

/** a/b ≥ n/d, in integers: a·d ≥ n·b. */
export function atLeast(a: number, b: number, n: number, d: number): boolean {
  return BigInt(a) * BigInt(d) >= BigInt(n) * BigInt(b);
}

/** a/b > n/d, in integers. */
export function moreThan(a: number, b: number, n: number, d: number): boolean {
  return BigInt(a) * BigInt(d) > BigInt(n) * BigInt(b);
}

/** Does participation (≥ 2/3 of the area and ≥ 2/3 of the heads) hold? An empty electorate never reaches it. */
export function quorumReached(areaHundredths: number, heads: number, totalAreaHundredths: number, totalHeads: number): boolean {
  if (totalAreaHundredths <= 0 || totalHeads <= 0) return false;
  return atLeast(areaHundredths, totalAreaHundredths, 2, 3) && atLeast(heads, totalHeads, 2, 3);
}

/** Does the agreement pass for the class, given participation? */
export function agreementPasses(cls: MatterClass, agreeArea: number, agreeHeads: number, partArea: number, partHeads: number): boolean {
  if (partArea <= 0 || partHeads <= 0) return false;
  if (cls === 'special') return atLeast(agreeArea, partArea, 3, 4) && atLeast(agreeHeads, partHeads, 3, 4);
  return moreThan(agreeArea, partArea, 1, 2) && moreThan(agreeHeads, partHeads, 1, 2);
}

/**
 * Tallies every matter. A ballot whose voter is not in the electorate, or a second ballot of the
 * same voter, is an error (the database prevents both; the verifier reports both).
 */
export function tallyVote(input: TallyInput): TallyResult {
  const byKey = new Map<string, TallyVoter>();
  let totalAreaHundredths = 0;
  let totalHeads = 0;
  for (const v of input.voters) {
    if (!Number.isSafeInteger(v.areaHundredths) || v.areaHundredths < 0 || !Number.isSafeInteger(v.heads) || v.heads < 0) throw new Error(`tally: voter ${v.voterKey} has a bad area or head count`);
    if (byKey.has(v.voterKey)) throw new Error(`tally: voter ${v.voterKey} is in the electorate twice`);
    byKey.set(v.voterKey, v);
    totalAreaHundredths = add(totalAreaHundredths, v.areaHundredths);
    totalHeads = add(totalHeads, v.heads);
  }
  let partArea = 0;
  let partHeads = 0;
  const agree = new Map<string, { area: number; heads: number }>(input.matters.map((m) => [m.matterId, { area: 0, heads: 0 }]));
  const seen = new Set<string>();
  for (const b of input.ballots) {
    const voter = byKey.get(b.voterKey);
    if (!voter) throw new Error(`tally: ballot of ${b.voterKey}, who is not in the electorate`);
    if (seen.has(b.voterKey)) throw new Error(`tally: a second ballot of ${b.voterKey}`);
    seen.add(b.voterKey);
    partArea = add(partArea, voter.areaHundredths);
    partHeads = add(partHeads, voter.heads);
    for (const m of input.matters) {
      if (b.answers[m.matterId] === 'agree') {
        const a = agree.get(m.matterId)!;
        a.area = add(a.area, voter.areaHundredths);
        a.heads = add(a.heads, voter.heads);
      }
    }
  }
  const quorum = quorumReached(partArea, partHeads, totalAreaHundredths, totalHeads);
  const matters: Record<string, MatterTally> = {};
  for (const m of input.matters) {
    const a = agree.get(m.matterId)!;
    matters[m.matterId] = {
      participationAreaHundredths: partArea, participationHeads: partHeads, agreeAreaHundredths: a.area, agreeHeads: a.heads,
      quorum, passed: quorum && agreementPasses(m.class, a.area, a.heads, partArea, partHeads),
    };
  }
  return { totalAreaHundredths, totalHeads, matters };
}

/** The smallest x with x/total ≥ n/d: ceil(total·n/d). */
export function ceilShare(total: number, n: number, d: number): number {
  return Number((BigInt(total) * BigInt(n) + BigInt(d) - 1n) / BigInt(d));
}

/** The smallest x with x/total > n/d: floor(total·n/d) + 1. */
export function floorSharePlusOne(total: number, n: number, d: number): number {
  return Number((BigInt(total) * BigInt(n)) / BigInt(d)) + 1;
}

/** Hundredths of m² written as "1,234.56". */
export function formatArea(hundredths: number): string {
  const neg = hundredths < 0;
  const abs = Math.abs(hundredths);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${neg ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** A share as a percentage with one decimal, for reading only (verdicts never use it). */
function percent(a: number, b: number): string {
  if (b <= 0) return '0.0%';
  return `${(Math.floor((a * 1000) / b) / 10).toFixed(1)}%`;
}

export interface MatterReason {
  passed: boolean;
  /** One line per threshold, in plain Chinese, with the numbers beside it. */
  lines: { met: boolean; text: string }[];
  summary: string;
}

/** Why a matter passed or failed, in plain Chinese: each threshold with its four numbers. */
export function explainMatter(cls: MatterClass, t: MatterTally, totalAreaHundredths: number, totalHeads: number): MatterReason {
  const areaMet = atLeast(t.participationAreaHundredths, totalAreaHundredths, 2, 3) && totalAreaHundredths > 0;
  const headsMet = atLeast(t.participationHeads, totalHeads, 2, 3) && totalHeads > 0;
  const lines: { met: boolean; text: string }[] = [
    { met: areaMet, text: `参与表决的专有部分面积 ${formatArea(t.participationAreaHundredths)} m²，占总面积 ${formatArea(totalAreaHundredths)} m² 的 ${percent(t.participationAreaHundredths, totalAreaHundredths)}，${areaMet ? '达到' : '未达到'}三分之二以上（需至少 ${formatArea(ceilShare(totalAreaHundredths, 2, 3))} m²）` },
    { met: headsMet, text: `参与表决的业主 ${t.participationHeads} 人，占总人数 ${totalHeads} 人的 ${percent(t.participationHeads, totalHeads)}，${headsMet ? '达到' : '未达到'}三分之二以上（需至少 ${ceilShare(totalHeads, 2, 3)} 人）` },
  ];
  const special = cls === 'special';
  const share = special ? '四分之三以上' : '过半数';
  const needArea = special ? ceilShare(t.participationAreaHundredths, 3, 4) : floorSharePlusOne(t.participationAreaHundredths, 1, 2);
  const needHeads = special ? ceilShare(t.participationHeads, 3, 4) : floorSharePlusOne(t.participationHeads, 1, 2);
  const agreeAreaMet = t.participationAreaHundredths > 0 && (special ? atLeast(t.agreeAreaHundredths, t.participationAreaHundredths, 3, 4) : moreThan(t.agreeAreaHundredths, t.participationAreaHundredths, 1, 2));
  const agreeHeadsMet = t.participationHeads > 0 && (special ? atLeast(t.agreeHeads, t.participationHeads, 3, 4) : moreThan(t.agreeHeads, t.participationHeads, 1, 2));
  lines.push(
    { met: agreeAreaMet, text: `同意的专有部分面积 ${formatArea(t.agreeAreaHundredths)} m²，占参与表决面积 ${formatArea(t.participationAreaHundredths)} m² 的 ${percent(t.agreeAreaHundredths, t.participationAreaHundredths)}，${agreeAreaMet ? '达到' : '未达到'}${share}（需至少 ${formatArea(needArea)} m²）` },
    { met: agreeHeadsMet, text: `同意的业主 ${t.agreeHeads} 人，占参与表决人数 ${t.participationHeads} 人的 ${percent(t.agreeHeads, t.participationHeads)}，${agreeHeadsMet ? '达到' : '未达到'}${share}（需至少 ${needHeads} 人）` },
  );
  const kind = special ? '特别事项（须经参与表决专有部分面积四分之三以上且人数四分之三以上同意）' : '一般事项（须经参与表决专有部分面积过半数且人数过半数同意）';
  const summary = t.passed ? `通过。本事项为${kind}，参与和同意均达到法定比例。`
    : !t.quorum ? `未通过：参与表决的业主未达到"专有部分面积占比三分之二以上且人数占比三分之二以上"的要求，本次表决不能形成决定。`
    : `未通过：参与人数和面积达到要求，但同意的${!agreeAreaMet && !agreeHeadsMet ? '面积和人数均' : !agreeAreaMet ? '面积' : '人数'}未达到${share}。本事项为${kind}。`;
  return { passed: t.passed, lines, summary };
}
