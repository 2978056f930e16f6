import type { FiguresQuery, RequestFigures } from './figures.dto.js';
import { durationFigures, qualificationRate, rateFigures, resolutionOf, type Counters, type Histogram } from './figures.math.js';
import type { FiguresScope } from './figures.scope.js';

/** Every month from `first` to `last` (YYYY-MM), so a chart has no silent gaps. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

interface FiguresInput {
  scope: FiguresScope;
  query: FiguresQuery;
  total: Counters;
  months: { month: string; counters: Counters }[];
  byCategory: { categoryId: number; name: string; count: number }[];
  hist: { response: Histogram; resolution: Histogram };
}

export function presentRequestFigures(input: FiguresInput): RequestFigures {
  const { scope, query, total, months, hist } = input;
  const threshold = query.qualificationThreshold;
  const rates = rateFigures(total, threshold);
  const response = durationFigures(hist.response);
  const resolution = durationFigures(hist.resolution);
  const byMonth = new Map(months.map((m) => [m.month, m.counters]));
  const span = months.length ? monthsBetween(months[0]!.month, months[months.length - 1]!.month) : [];
  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name },
    from: query.from ?? null,
    to: query.to ?? null,
    categoryId: query.categoryId ?? null,
    total: total.total,
    byState: { ...total.byState },
    byCategory: input.byCategory,
    responseMinutes: response,
    resolutionMinutes: resolution,
    percentileResolutionMinutes: resolutionOf([response.median, response.p90, resolution.median, resolution.p90]),
    slaBreachRate: rates.slaBreachRate,
    qualificationRate: rates.qualificationRate,
    qualificationThreshold: threshold,
    satisfaction: rates.satisfaction,
    rates: rates.rates,
    monthly: span.map((month) => {
      const c = byMonth.get(month);
      return {
        month,
        total: c?.total ?? 0,
        closed: c?.byState.closed ?? 0,
        breached: c?.breached ?? 0,
        qualificationRate: c ? qualificationRate(c.closedRated, threshold) : null,
      };
    }),
  };
}
