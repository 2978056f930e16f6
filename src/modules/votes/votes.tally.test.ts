import { describe, expect, it } from 'vitest';
import { summaryRules } from '../../../scripts/verify-export.mjs';
import { groupElectorate, type RegisterUnit } from './votes.electorate.js';
import { explainMatter, tallyVote, type Answer, type MatterClass, type TallyVoter } from './votes.tally.js';

/*
 * The tally at every boundary of art. 278, as pure tables. Each case lists voters (area in
 * hundredths of m², heads) and who cast what; the expected verdicts follow the law's words:
 * participation "三分之二以上" includes the boundary, ordinary "过半数" excludes exactly half,
 * special "四分之三以上" includes exactly three quarters.
 */
type Case = { name: string; voters: [number, number][]; ballots: (Answer | null)[]; cls: MatterClass; quorum: boolean; passed: boolean };
const v = (area: number, heads = 1): [number, number] => [area, heads];

const cases: Case[] = [
  // 9 heads, 900 m² total. Six voters must take part; five holding exactly 2/3 of the area is short by one head.
  { name: 'exactly 2/3 of the area with 2/3 − 1 heads: no quorum', voters: [v(20000), v(20000), v(10000), v(5000), v(5000), v(10000), v(10000), v(5000), v(5000)],
    ballots: ['agree', 'agree', 'agree', 'agree', 'agree', null, null, null, null], cls: 'ordinary', quorum: false, passed: false },
  { name: 'exactly 2/3 of the area and exactly 2/3 of the heads: quorum', voters: [v(20000), v(20000), v(10000), v(5000), v(5000), v(1), v(14999), v(10000), v(5000)],
    ballots: ['agree', 'agree', 'agree', 'agree', 'agree', 'agree', null, null, null], cls: 'ordinary', quorum: true, passed: true },
  { name: '2/3 of the heads but one hundredth of a m² short of 2/3 of the area: no quorum', voters: [v(19999), v(20000), v(10000), v(5000), v(5000), v(1), v(15001), v(10000), v(5000)],
    ballots: ['agree', 'agree', 'agree', 'agree', 'agree', 'agree', null, null, null], cls: 'ordinary', quorum: false, passed: false },
  // Everyone takes part; ordinary matter.
  { name: 'ordinary: exactly 1/2 of the area agrees (heads 3 of 4): fails', voters: [v(5000), v(2500), v(2500), v(10000)],
    ballots: ['agree', 'agree', 'agree', 'oppose'], cls: 'ordinary', quorum: true, passed: false },
  { name: 'ordinary: exactly 1/2 of the heads agrees (area 90%): fails', voters: [v(9000), v(9000), v(1000), v(1000)],
    ballots: ['agree', 'agree', 'oppose', 'abstain'], cls: 'ordinary', quorum: true, passed: false },
  { name: 'ordinary: 1/2 of the area plus one hundredth, 3 of 4 heads: passes', voters: [v(5001), v(2500), v(2500), v(9999)],
    ballots: ['agree', 'agree', 'agree', 'oppose'], cls: 'ordinary', quorum: true, passed: true },
  { name: 'ordinary: abstentions count as participating, not agreeing', voters: [v(3000), v(3000), v(3000), v(3000)],
    ballots: ['agree', 'agree', 'abstain', 'abstain'], cls: 'ordinary', quorum: true, passed: false },
  // Special matter.
  { name: 'special: exactly 3/4 of the area and exactly 3/4 of the heads: passes', voters: [v(2500), v(2500), v(2500), v(2500)],
    ballots: ['agree', 'agree', 'agree', 'oppose'], cls: 'special', quorum: true, passed: true },
  { name: 'special: 3/4 of the heads, one hundredth short of 3/4 of the area: fails', voters: [v(2500), v(2500), v(2499), v(2501)],
    ballots: ['agree', 'agree', 'agree', 'oppose'], cls: 'special', quorum: true, passed: false },
  { name: 'special: 90% of the area but 2 of 3 heads (< 3/4): fails', voters: [v(4500), v(4500), v(1000)],
    ballots: ['agree', 'agree', 'oppose'], cls: 'special', quorum: true, passed: false },
  { name: 'the developer\'s units as one heavy head cannot outvote the owners by heads', voters: [v(60000), v(10000), v(10000), v(10000), v(10000)],
    ballots: ['agree', 'oppose', 'oppose', 'oppose', 'agree'], cls: 'ordinary', quorum: true, passed: false },
  { name: 'no ballot at all: no quorum', voters: [v(100), v(100)], ballots: [null, null], cls: 'ordinary', quorum: false, passed: false },
];

function run(c: Case) {
  const voters: TallyVoter[] = c.voters.map(([area, heads], i) => ({ voterKey: `k${i}`, areaHundredths: area, heads }));
  const ballots = c.ballots.flatMap((a, i) => (a ? [{ voterKey: `k${i}`, answers: { '1': a } }] : []));
  return { voters, ballots, tally: tallyVote({ voters, ballots, matters: [{ matterId: '1', class: c.cls }] }) };
}

describe('the tally at every boundary', () => {
  it.each(cases)('$name', (c) => {
    const { tally } = run(c);
    expect(tally.matters['1']).toMatchObject({ quorum: c.quorum, passed: c.passed });
  });

  it.each(cases)('the standalone verifier reaches the same verdict: $name', (c) => {
    const { voters, ballots, tally } = run(c);
    const entries = [
      { data: { type: 'electorate', voters: voters.map((x) => ({ ...x, units: [] })), totalAreaHundredths: tally.totalAreaHundredths, totalHeads: tally.totalHeads, countParking: false } },
      { data: { type: 'matter', matterId: 1, title: '事项', class: c.cls } },
      ...ballots.map((b, i) => ({ data: { type: 'ballot', voterKey: b.voterKey, receipt: `R${i}`, castAt: '2026-01-13T12:00:00.000Z', enteredBy: 'owner', answers: b.answers } })),
      { data: { type: 'result', matters: tally.matters } },
    ];
    const summary = { state: 'closed', ballots: ballots.length, totalAreaHundredths: tally.totalAreaHundredths, totalHeads: tally.totalHeads, matters: tally.matters };
    expect(summaryRules.vote!(entries, summary)).toEqual([]);
    const flipped = { ...tally.matters['1']!, passed: !tally.matters['1']!.passed };
    expect(summaryRules.vote!([...entries.slice(0, -1), { data: { type: 'result', matters: { '1': flipped } } }], { ...summary, matters: { '1': flipped } }).join(' ')).toContain('passed');
  });

  it('says why in plain Chinese, with the numbers beside each threshold', () => {
    const { tally } = run(cases[0]!);
    const why = explainMatter('ordinary', tally.matters['1']!, tally.totalAreaHundredths, tally.totalHeads);
    expect(why.passed).toBe(false);
    expect(why.lines[0]).toEqual({ met: true, text: expect.stringContaining('600.00 m²') });
    expect(why.lines[1]!.met).toBe(false);
    expect(why.lines[1]!.text).toContain('5 人');
    expect(why.lines[1]!.text).toContain('需至少 6 人');
    expect(why.summary).toContain('三分之二');
  });

  it('refuses a second ballot of one voter and a ballot from outside the electorate', () => {
    const voters = [{ voterKey: 'a', heads: 1, areaHundredths: 1 }];
    expect(() => tallyVote({ voters, matters: [], ballots: [{ voterKey: 'a', answers: {} }, { voterKey: 'a', answers: {} }] })).toThrow(/second ballot/);
    expect(() => tallyVote({ voters, matters: [], ballots: [{ voterKey: 'x', answers: {} }] })).toThrow(/not in the electorate/);
  });
});

describe('the electorate', () => {
  const unit = (label: string, area: number, owner: number | null, persons: number[] = owner === null ? [] : [owner]): RegisterUnit => ({
    householdId: label.length, parkingSpaceId: null, buildingId: 1, buildingName: '1号楼', label, areaHundredths: area, areaSource: 'register', ownerPersonId: owner, personIds: persons,
  });

  it('counts one owner with three units as one head holding their sum', () => {
    const voters = groupElectorate([unit('101', 8000, 7), unit('102', 9000, 7), unit('201', 10000, 7), unit('202', 11000, 8)], 'secret');
    expect(voters).toHaveLength(2);
    expect(voters[0]).toMatchObject({ holder: 'owner', personId: 7, heads: 1, areaHundredths: 27000 });
    expect(voters[0]!.units.map((u) => u.label)).toEqual(['101', '102', '201']);
  });

  it('counts all the developer\'s unsold units as one head together', () => {
    const voters = groupElectorate([unit('101', 8000, null), unit('102', 9000, 5), unit('301', 12000, null), unit('302', 12000, null)], 'secret');
    expect(voters.map((x) => [x.holder, x.heads, x.areaHundredths])).toEqual([['developer', 1, 32000], ['owner', 1, 9000]]);
  });

  it('names voters by a pseudonym that depends on the vote\'s secret', () => {
    const [a] = groupElectorate([unit('101', 1, 7)], 'one');
    const [b] = groupElectorate([unit('101', 1, 7)], 'two');
    expect(a!.voterKey).toMatch(/^[0-9a-f]{24}$/);
    expect(a!.voterKey).not.toBe(b!.voterKey);
  });
});
