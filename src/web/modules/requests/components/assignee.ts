import type { AssigneeKind, Assignees, AssigneeTarget } from '../api/types';

/** The pickable targets of one assignee kind, from GET /api/requests/:id/assignees. */
export function assigneeOptions(a: Assignees | undefined, kind: AssigneeKind): { value: number; label: string }[] {
  if (!a) return [];
  if (kind === 'property_company') return a.companies.map((c) => ({ value: c.id, label: c.name }));
  if (kind === 'local_unit') return a.localUnits.map((u) => ({ value: u.id, label: u.name }));
  return a.gridWorkers.map((w) => ({ value: w.accountId, label: w.name }));
}

/** The picked target as the dispatch body names it: a company, an organisation or an account. */
export function assigneeTarget(kind: AssigneeKind, target: number | undefined): AssigneeTarget {
  return {
    assigneeKind: kind,
    companyId: kind === 'property_company' ? target ?? null : undefined,
    organisationId: kind === 'local_unit' ? target : undefined,
    accountId: kind === 'grid_worker' ? target : undefined,
  };
}
