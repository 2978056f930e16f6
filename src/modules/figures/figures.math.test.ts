import { describe, expect, it } from 'vitest';
import {
  addToHistogram, bucketOf, bucketWidth, countRequest, durationFigures, emptyCounters, percentile, qualificationRate, rateFigures,
  resolutionMinutes, resolutionOf, responseMinutes, type RequestFacts,
} from './figures.math.js';
import { monthsBetween } from './figures.presenter.js';
import { rankBy } from './figures.ranking.js';

const t0 = new Date('2025-03-01T00:00:00Z');
const after = (min: number) => new Date(t0.getTime() + min * 60_000);
const request = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  state: 'submitted', createdAt: t0, acceptedAt: null, resolvedAt: null, respondDueAt: after(60),
  respondBreachedAt: null, resolveBreachedAt: null, rating: null, ...over,
});

describe('duration buckets', () => {
  it('are exact minutes for the first day, then 15 min, 1 h, 1 day, and one overflow bucket', () => {
    expect([0, 1, 59.9, 1439].map(bucketOf)).toEqual([0, 1, 59, 1439]);
    expect([1440, 1454, 1455, 10_079].map(bucketOf)).toEqual([1440, 1440, 1455, 10_065]);
    expect([10_080, 10_139, 43_199].map(bucketOf)).toEqual([10_080, 10_080, 43_140]);
    expect([43_200, 525_599, 525_600, 9_999_999].map(bucketOf)).toEqual([43_200, 524_160, 525_600, 525_600]);
    expect([0, 1439, 1440, 10_080, 43_200, 525_600].map(bucketWidth)).toEqual([1, 1, 15, 60, 1440, 1440]);
    expect(bucketOf(-5)).toBe(0);
  });

  it('report the coarsest width behind the percentiles', () => {
    expect(resolutionOf([null, null])).toBe(1);
    expect(resolutionOf([12, 1439])).toBe(1);
    expect(resolutionOf([12, 2000, null])).toBe(15);
  });
});

describe('percentiles', () => {
  it('are nearest-rank over the histogram, as bucket lower bounds', () => {
    const h = new Map<number, number>();
    for (const m of [5, 5, 7, 10, 30, 31, 45, 60, 61, 200]) addToHistogram(h, m);
    expect(percentile(h, 0.5)).toBe(30);
    expect(percentile(h, 0.9)).toBe(61);
    expect(percentile(h, 1)).toBe(200);
    expect(durationFigures(h)).toEqual({ median: 30, p90: 61, count: 10 });
  });

  it('are null on an empty histogram and ignore emptied buckets', () => {
    expect(durationFigures(new Map())).toEqual({ median: null, p90: null, count: 0 });
    expect(percentile(new Map([[3, 0], [9, 2]]), 0.5)).toBe(9);
  });

  it('measure filed requests only, and resolution only while resolved or closed', () => {
    expect(responseMinutes(request({ state: 'accepted', acceptedAt: after(12.7) }))).toBe(12);
    expect(responseMinutes(request({ state: 'merged', acceptedAt: after(12) }))).toBeNull();
    expect(resolutionMinutes(request({ state: 'closed', resolvedAt: after(300) }))).toBe(300);
    expect(resolutionMinutes(request({ state: 'reopened', resolvedAt: after(300) }))).toBeNull();
  });
});

describe('counters and rates', () => {
  it('count every request by state but leave merged and cancelled out of the rates', () => {
    const c = emptyCounters();
    countRequest(c, request({ state: 'merged', respondBreachedAt: after(60) }));
    countRequest(c, request({ state: 'cancelled', rating: 1 }));
    expect(c.total).toBe(2);
    expect(c.byState).toMatchObject({ merged: 1, cancelled: 1 });
    expect(rateFigures(c)).toEqual({
      slaBreachRate: null, qualificationRate: null, satisfaction: { mean: null, satisfiedShare: null, rated: 0 },
      rates: { response: null, resolution: null, satisfaction: null },
    });
  });

  it('derive 响应率, 解决率, 满意率, breach rate and 处置合格率', () => {
    const c = emptyCounters();
    countRequest(c, request({ state: 'closed', acceptedAt: after(10), resolvedAt: after(100), rating: 5 }));
    countRequest(c, request({ state: 'closed', acceptedAt: after(70), respondBreachedAt: after(60), resolvedAt: after(900), rating: 2 }));
    countRequest(c, request({ state: 'resolved', acceptedAt: after(61), resolvedAt: after(100), rating: 4 }));
    countRequest(c, request({ state: 'dispatched', respondBreachedAt: after(60), resolveBreachedAt: after(1440) }));
    countRequest(c, request({ state: 'submitted' }));
    const f = rateFigures(c);
    // Due: 3 accepted + 1 breached unaccepted; on time: only the first (the third was late, unmarked).
    expect(f.rates.response).toBe(1 / 4);
    expect(f.rates.resolution).toBe(3 / 5);
    expect(f.slaBreachRate).toBe(2 / 5);
    expect(f.qualificationRate).toBe(1 / 2);
    expect(f.satisfaction).toEqual({ mean: 11 / 3, satisfiedShare: 2 / 3, rated: 3 });
    expect(f.rates.satisfaction).toBe(2 / 3);
  });

  it('take the qualification threshold as a parameter', () => {
    expect(qualificationRate([1, 1, 1, 1, 1], 4)).toBe(2 / 5);
    expect(qualificationRate([1, 1, 1, 1, 1], 1)).toBe(1);
    expect(qualificationRate([0, 0, 0, 0, 0], 4)).toBeNull();
  });
});

describe('presentation helpers', () => {
  it('fill every month between two months', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2025-02', '2025-02')).toEqual(['2025-02']);
  });

  it('rank by competition ranking, best first, ties shared, nulls unranked', () => {
    const unit = (response: number | null) => ({ rates: { response, resolution: null, satisfaction: null } });
    const items = [unit(0.5), unit(0.9), unit(null), unit(0.9), unit(0.1)];
    const ranks = rankBy(items, 'response');
    expect(items.map((i) => ranks.get(i))).toEqual([3, 1, null, 1, 4]);
  });
});
