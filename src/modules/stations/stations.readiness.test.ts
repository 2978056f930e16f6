import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../server/clock.js';
import { drillRatio, readinessWeights, scoreReadiness, type ReadinessFacts } from './stations.readiness.js';

const facts = (over: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  stockHeld: 40, stockStandard: 40, kindsWithStandard: 10, kindsBelow: 0, itemsWithExpiry: 5, expired: 0, itemsWithInspection: 4, inspectionsOverdue: 0,
  rollCall: { id: 1, startedAt: new Date('2026-03-01T09:00:00+08:00'), dueAt: new Date('2026-03-03T09:00:00+08:00'), holders: 4, confirmed: 4, missing: 0, unanswered: 0 },
  lastDrillAt: new Date('2026-03-10T14:00:00+08:00'), drillEveryDays: 90, ...over,
});

describe('readiness score', () => {
  const clock = new FakeClock('2026-03-20T09:00:00+08:00');

  it('is 100 for a station that has everything, with weights summing to 100', () => {
    expect(Object.values(readinessWeights).reduce((a, b) => a + b, 0)).toBe(100);
    const r = scoreReadiness(facts(), clock.now());
    expect(r.score).toBe(100);
    expect(r.parts.map((p) => [p.key, p.ratio, p.points])).toEqual([['stock', 1, 40], ['expiry', 1, 15], ['inspection', 1, 15], ['rollCall', 1, 15], ['drill', 1, 15]]);
    expect(r.daysSinceDrill).toBe(9);
  });

  it('loses each part by its share', () => {
    const r = scoreReadiness(facts({ stockHeld: 30, expired: 1, inspectionsOverdue: 2, rollCall: { ...facts().rollCall!, confirmed: 3, unanswered: 1 } }), clock.now());
    expect(r.parts.map((p) => p.points)).toEqual([30, 12, 7.5, 11.3, 15]);
    expect(r.score).toBe(Math.round(30 + 12 + 7.5 + 11.25 + 15));
  });

  it('counts nothing for a roll call never held or a drill never done; empty catalogue counts as full', () => {
    const r = scoreReadiness(facts({ rollCall: null, lastDrillAt: null, stockHeld: 0, stockStandard: 0, itemsWithExpiry: 0, itemsWithInspection: 0 }), clock.now());
    expect(r.parts.map((p) => p.ratio)).toEqual([1, 1, 1, 0, 0]);
    expect(r.score).toBe(70);
    expect(r.daysSinceDrill).toBeNull();
  });

  it('lets the drill part fall from the interval to twice the interval', () => {
    expect(drillRatio(90, 90)).toBe(1);
    expect(drillRatio(135, 90)).toBe(0.5);
    expect(drillRatio(180, 90)).toBe(0);
    expect(drillRatio(400, 90)).toBe(0);
    clock.set('2026-07-23T14:00:00+08:00'); // 135 days after 10 March
    expect(scoreReadiness(facts(), clock.now()).parts.find((p) => p.key === 'drill')).toMatchObject({ ratio: 0.5, points: 7.5, facts: { daysSince: 135 } });
  });
});
