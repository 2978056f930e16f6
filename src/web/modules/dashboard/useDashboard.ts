import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../app/useApi';
import { dashboardApi, type Level, type NodeRef, type RegistryMetric } from './api';

const levels: Level[] = ['city', 'district', 'street', 'community', 'compound'];

/** The node in the URL (?level=&id=), or the actor's first home node; the month window (?from=&to=). */
export function useDashboardNode() {
  const [params, setParams] = useSearchParams();
  const home = useApi((signal) => dashboardApi.home(signal), []);
  const registry = useApi((signal) => dashboardApi.registry(signal), []);
  const levelParam = params.get('level') as Level | null;
  const idParam = Number(params.get('id'));
  const node: Pick<NodeRef, 'level' | 'id'> | undefined = levelParam && levels.includes(levelParam) && idParam > 0
    ? { level: levelParam, id: idParam } : home.data?.nodes[0];
  const to = params.get('to') ?? dayjs().format('YYYY-MM');
  const from = params.get('from') ?? dayjs(`${to}-01`).subtract(11, 'month').format('YYYY-MM');
  const go = (next: Partial<{ level: Level; id: number; from: string; to: string }>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v !== undefined) p.set(k, String(v));
    setParams(p);
  };
  const metricOf = useMemo(() => new Map((registry.data?.metrics ?? []).map((m) => [m.id, m])), [registry.data]);
  return { home, registry, node, from, to, go, metricOf: metricOf as Map<string, RegistryMetric> };
}
