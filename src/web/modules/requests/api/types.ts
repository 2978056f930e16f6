/**
 * Shapes of the requests API as the web app reads them. They are the server's zod
 * DTOs (type-only imports: nothing of the server ends up in the bundle), so a change there is a
 * type error here instead of a blank cell in production.
 */
import type { z } from 'zod';
import type {
  abilityNames, assigneesDto, bulkDispatchDto, categoryDto, classifyDto, consultationBody, CreateRequestBody, createRuleBody,
  RequestCountsDto, RequestDetailDto, RequestSummaryDto, ruleDto, timelineEntryDto, updateCategoryBody,
} from '../../../../modules/requests/requests.dto';

export type RequestSummary = RequestSummaryDto;
export type RequestDetail = RequestDetailDto;
export type TimelineEntry = z.infer<typeof timelineEntryDto>;
export type Abilities = RequestDetailDto['abilities'];
export type AbilityName = (typeof abilityNames)[number];
export type SlaStatus = RequestSummaryDto['slaStatus'];
export type Priority = RequestSummaryDto['priority'];
export type AssigneeKind = NonNullable<RequestSummaryDto['assignee']>['kind'];
export type LocationKind = RequestDetailDto['locationKind'];
export type Category = z.infer<typeof categoryDto>;
export type CategoryPatch = z.infer<typeof updateCategoryBody>;
export type ClassifyResult = z.infer<typeof classifyDto>;
export type Assignees = z.infer<typeof assigneesDto>;
export type BulkDispatchResult = z.infer<typeof bulkDispatchDto>;
export type ClassificationRule = z.infer<typeof ruleDto>;
/** The body of a new keyword rule (a patch is any part of it). */
export type RuleInput = z.input<typeof createRuleBody>;
export type NewRequest = CreateRequestBody;
export type ConsultationInput = z.input<typeof consultationBody>;
export type RequestCounts = RequestCountsDto;

/** Kinds of place a resident can pick (requests.schema.ts `locationKinds`), in the order shown. */
export const locationKinds = ['own_unit', 'stairwell', 'building', 'garage', 'green_space', 'road', 'public_area', 'other'] as const satisfies readonly LocationKind[];
export const assigneeKinds = ['property_company', 'local_unit', 'grid_worker'] as const satisfies readonly AssigneeKind[];

/** Where a dispatched request goes. */
export interface AssigneeTarget {
  assigneeKind: AssigneeKind;
  companyId?: number | null;
  organisationId?: number | null;
  accountId?: number | null;
}

export interface DispatchInput extends AssigneeTarget {
  categoryId?: number;
  priority?: Priority;
  note?: string | null;
}

/** Filters of the request lists (GET /api/requests, its counts and exports), as the server validates them. */
export type { RequestFilters } from '../../../../modules/requests/requests.dto';
