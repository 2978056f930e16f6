import type { MetricValue, RegistryMetric } from './api';

type T = (key: string, vars?: Record<string, string | number>) => string;

/** A metric's value as the dashboard writes it: 96.4%, 1,234, ¥12,345.00, 87.5 — or why there is none. */
export function formatMetric(m: Pick<RegistryMetric, 'unit'>, v: Pick<MetricValue, 'value' | 'status'> | undefined, t: T, formatNumber: (n: number, d?: number) => string): string {
  if (!v || v.status === 'not_kept') return t('dashboard.notKept');
  if (v.status === 'too_few') return t('dashboard.tooFew');
  if (v.value === null) return t('dashboard.noData');
  switch (m.unit) {
    case 'percent': return `${formatNumber(v.value * 100, 1)}%`;
    case 'fen': return `¥${formatNumber(v.value / 100, v.value >= 1_000_000 ? 0 : 2)}`;
    case 'score': return formatNumber(v.value, 1);
    default: return formatNumber(v.value, 0);
  }
}

/** A raw number in the metric's unit for charts (percent → 0–100, fen → yuan). */
export function chartValue(m: Pick<RegistryMetric, 'unit'>, value: number | null): number | null {
  if (value === null) return null;
  if (m.unit === 'percent') return Math.round(value * 1000) / 10;
  if (m.unit === 'fen') return Math.round(value) / 100;
  return value;
}
