import { shanghaiDate, shanghaiDayStart } from '../../src/shared/shanghai-time.js';
import type { CityOptions } from './context.js';

/** The benchmark password of every generated account (a synthetic city has no secrets). */
export const BENCH_PASSWORD = 'bench-password';

function num(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${value}`);
  return n;
}

/** The latest Shanghai midnight at or before now: the default end of the generated history. */
export function lastShanghaiMidnight(now = new Date()): Date {
  return shanghaiDayStart(shanghaiDate(now));
}

/**
 * Options with the defaults of the issue (300k households, 1M requests, 2 years, seed 42).
 * Communities and compounds scale with households (500 and 100 per) unless given.
 */
export function cityOptions(values: Partial<Record<string, string | undefined>>): CityOptions {
  const households = Math.floor(num(values.households, 300_000, 'households'));
  const communities = Math.max(1, Math.floor(num(values.communities, Math.round(households / 500), 'communities')));
  const compounds = Math.max(communities, Math.floor(num(values.compounds, Math.round(households / 100), 'compounds')));
  const end = values.end ? new Date(`${values.end}T00:00:00+08:00`) : lastShanghaiMidnight();
  if (Number.isNaN(end.getTime())) throw new Error(`--end must be a date YYYY-MM-DD, got ${values.end}`);
  return {
    households,
    requests: Math.floor(num(values.requests, 1_000_000, 'requests')),
    years: num(values.years, 2, 'years'),
    seed: Math.floor(num(values.seed, 42, 'seed')),
    communities,
    compounds,
    companies: Math.max(1, Math.floor(num(values.companies, Math.round(compounds / 50), 'companies'))),
    cityCode: values['city-code'] ?? 'benchcity',
    cityName: '北辰市',
    end,
    password: BENCH_PASSWORD,
    passwordCost: Number(process.env.PASSWORD_COST ?? 15),
  };
}
