import { api } from '../../../app/api';
import type { RequestFigures, ScopeKind } from '../../../../modules/figures/figures.dto';

/**
 * Shapes of the figures API as the web app reads them: the server's zod DTOs (type-only imports,
 * nothing of the server ends up in the bundle).
 */
export type Figures = RequestFigures;
export type FiguresScopeKind = ScopeKind;

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
