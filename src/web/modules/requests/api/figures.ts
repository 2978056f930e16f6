import { api } from '../../../app/api';
import type { Figures, FiguresScopeKind } from './types';

export interface FiguresParams {
  kind: FiguresScopeKind;
  id: number;
  /** YYYY-MM, inclusive. */
  from?: string;
  to?: string;
}

const keyOf: Record<FiguresScopeKind, string> = {
  community: 'communityId', company: 'companyId', street: 'streetId', district: 'districtId', city: 'cityId',
};

export const figuresApi = {
  requests: (p: FiguresParams, signal?: AbortSignal) =>
    api.get<Figures>('/api/figures/requests', { [keyOf[p.kind]]: p.id, from: p.from, to: p.to }, signal),
};
