import { api, withQuery } from '../../app/api';
import type { CalendarDto, HomeDto, OverviewDto, RankingDto, RegistryDto } from '../../../modules/dashboard/dashboard.dto';
import type { DashboardLevel } from '../../../modules/dashboard/metrics/types';

/** The dashboard API as the web app reads it (type-only imports of the server's DTOs). */
export type Registry = RegistryDto;
export type RegistryMetric = RegistryDto['metrics'][number];
export type Overview = OverviewDto;
export type Ranking = RankingDto;
export type Calendar = CalendarDto;
export type Level = DashboardLevel;
export type NodeRef = HomeDto['nodes'][number];
export type MetricValue = Overview['metrics'][number];

export interface NodeParams { level: Level; id: number; from?: string; to?: string }

export const dashboardApi = {
  registry: (signal?: AbortSignal) => api.get<Registry>('/api/dashboard/metrics', undefined, signal),
  home: (signal?: AbortSignal) => api.get<HomeDto>('/api/dashboard/home', undefined, signal),
  overview: (p: NodeParams, signal?: AbortSignal) => api.get<Overview>('/api/dashboard/overview', { ...p }, signal),
  ranking: (p: NodeParams & { metric: string }, signal?: AbortSignal) => api.get<Ranking>('/api/dashboard/ranking', { ...p }, signal),
  calendar: (p: { level: Level; id: number; calendar: string; year?: number }, signal?: AbortSignal) => api.get<Calendar>('/api/dashboard/calendar', { ...p }, signal),
  exportUrl: (p: NodeParams & { table: 'metrics' | 'children' | 'ranking' | 'trends'; metric?: string }) => withQuery('/api/dashboard/export.xlsx', { ...p }),
  reportUrl: (p: { level: Level; id: number; month?: string }) => withQuery('/api/dashboard/report.pdf', { ...p }),
};
