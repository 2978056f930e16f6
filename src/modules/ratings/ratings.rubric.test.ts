import { describe, expect, it } from 'vitest';
import { ratingMachine } from './ratings.machine.js';
import { defaultRubric, levelFor, maxPointsOf, meanTotal, rubricContent, sheetProblems, totalsOf, type MeasuredValue } from './ratings.rubric.js';

const r = { thresholds: { 3: 70, 4: 80, 5: 90 }, floors: {
  response_rate: { 3: 0.8, 4: 0.9, 5: 0.95, kind: 'min' as const },
  complaints: { 4: 5, 5: 2, kind: 'max' as const },
} };
const m = (key: string, value: number | null): MeasuredValue => ({ key, value, numbers: {} });

describe('levelFor: the level from a score, the thresholds and the measured floors', () => {
  it('takes the highest threshold the score reaches', () => {
    expect(levelFor(r, 95).level).toBe(5);
    expect(levelFor(r, 90).level).toBe(5);
    expect(levelFor(r, 89).level).toBe(4);
    expect(levelFor(r, 80).level).toBe(4);
    expect(levelFor(r, 70).level).toBe(3);
    expect(levelFor(r, 69)).toEqual({ level: null, byScore: null, missedFloors: [] });
  });

  it('drops to the highest level whose floors are all met, and says which floors were missed', () => {
    const d = levelFor(r, 96, [m('response_rate', 0.93), m('complaints', 1)]);
    expect(d.byScore).toBe(5);
    expect(d.level).toBe(4);
    expect(d.missedFloors).toEqual([{ level: 5, key: 'response_rate', value: 0.93, bound: 0.95 }]);
  });

  it('treats "at most" floors (complaints) as maxima', () => {
    expect(levelFor(r, 92, [m('response_rate', 0.99), m('complaints', 3)]).level).toBe(4);
    expect(levelFor(r, 92, [m('response_rate', 0.99), m('complaints', 6)]).level).toBe(3);
    expect(levelFor(r, 92, [m('response_rate', 0.99), m('complaints', 2)]).level).toBe(5);
  });

  it('gives no level when even the three-star floor is missed', () => {
    const d = levelFor(r, 99, [m('response_rate', 0.5)]);
    expect(d.level).toBeNull();
    expect(d.missedFloors.map((f) => f.level)).toEqual([5, 4, 3]);
  });

  it('does not hold a floor without data against the company', () => {
    expect(levelFor(r, 91, [m('response_rate', null)]).level).toBe(5);
  });

  it('means the committees\' totals to a whole point', () => {
    expect(meanTotal([])).toBeNull();
    expect(meanTotal([88, 91])).toBe(90);
    expect(meanTotal([80, 81, 81])).toBe(81);
  });
});

describe('the rubric and score sheets', () => {
  it('the standard rubric is valid: five dimensions, 100 points, increasing thresholds', () => {
    expect(rubricContent.safeParse(defaultRubric).success).toBe(true);
    expect(maxPointsOf(defaultRubric)).toBe(100);
  });

  it('refuses a rubric whose thresholds do not increase or exceed the points, or repeats a dimension', () => {
    expect(rubricContent.safeParse({ ...defaultRubric, thresholds: { 3: 80, 4: 80, 5: 90 } }).success).toBe(false);
    expect(rubricContent.safeParse({ ...defaultRubric, thresholds: { 3: 70, 4: 80, 5: 101 } }).success).toBe(false);
    const dims = [...defaultRubric.dimensions.slice(0, 4), { ...defaultRubric.dimensions[4]!, key: 'organisation' as const }];
    expect(rubricContent.safeParse({ ...defaultRubric, dimensions: dims }).success).toBe(false);
  });

  it('a sheet scores every criterion within its points, and totals per dimension', () => {
    const full = Object.fromEntries(defaultRubric.dimensions.flatMap((d) => d.criteria.map((c) => [c.key, c.points])));
    expect(sheetProblems(defaultRubric, full)).toEqual([]);
    expect(totalsOf(defaultRubric, full).total).toBe(100);
    expect(totalsOf(defaultRubric, full).byDimension).toEqual({ organisation: 20, team: 20, management: 20, service: 30, image: 10 });
    const { party_branch: _omitted, ...missing } = full;
    expect(sheetProblems(defaultRubric, missing)).toEqual(['party_branch is not scored']);
    expect(sheetProblems(defaultRubric, { ...full, response: 11, bogus: 1 })).toEqual(['unknown criterion bogus', 'response must be 0–10']);
  });
});

describe('the rating workflow', () => {
  it('only the company self-evaluates, only committees assess, only the department certifies and lowers', () => {
    expect(ratingMachine.canMove('draft', 'self_evaluate', ['company'])).toBe(true);
    expect(ratingMachine.canMove('draft', 'self_evaluate', ['department', 'committee'])).toBe(false);
    expect(ratingMachine.canMove('self_evaluated', 'assess', ['company'])).toBe(false);
    expect(ratingMachine.canMove('self_evaluated', 'assess', ['committee'])).toBe(true);
    expect(ratingMachine.canMove('assessed', 'certify', ['committee', 'company'])).toBe(false);
    expect(ratingMachine.canMove('assessed', 'certify', ['department'])).toBe(true);
    expect(ratingMachine.canMove('assessing', 'certify', ['department'])).toBe(false);
    expect(ratingMachine.canMove('certified', 'propose_lowering', ['department'])).toBe(true);
    expect(ratingMachine.canMove('lowering', 'answer', ['company'])).toBe(true);
    expect(ratingMachine.canMove('lowering', 'lower', ['company'])).toBe(false);
  });
});
