/** Lifecycle states of a 三单服务 request. The transition table lives in the requests module. */
export const requestStates = [
  'submitted',
  'dispatched',
  'accepted',
  'in_progress',
  'resolved',
  'closed',
  'returned',
  'reopened',
  'escalated',
  'merged',
  'cancelled',
] as const;
export type RequestState = (typeof requestStates)[number];

/** States in which a request is still someone's work (Open311 "open"). */
export const openRequestStates: readonly RequestState[] = [
  'submitted', 'dispatched', 'accepted', 'in_progress', 'returned', 'reopened', 'escalated', 'resolved',
];

export const requestStateLabels: Record<RequestState, { zh: string; en: string }> = {
  submitted: { zh: '待派单', en: 'Submitted' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  accepted: { zh: '已接单', en: 'Accepted' },
  in_progress: { zh: '处理中', en: 'In progress' },
  resolved: { zh: '待确认', en: 'Resolved' },
  closed: { zh: '已办结', en: 'Closed' },
  returned: { zh: '已退回', en: 'Returned' },
  reopened: { zh: '已重开', en: 'Reopened' },
  escalated: { zh: '三方会诊', en: 'Escalated' },
  merged: { zh: '已合并', en: 'Merged' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

/** States in which no deadline runs any more. */
export const finishedRequestStates: readonly RequestState[] = ['resolved', 'closed', 'merged', 'cancelled'];

/**
 * Which deadline counts now: respond until someone accepts, then resolve. A reopened request
 * runs its (restarted) respond deadline again although `acceptedAt` keeps the first acceptance
 * (the figures measure response time from it). None once the request is finished. The server
 * (SLA status, overdue filter, due sort, sweep) and the web countdown share this rule.
 */
export function runningDeadline(state: RequestState, acceptedAt: Date | string | null): 'respond' | 'resolve' | null {
  if (finishedRequestStates.includes(state)) return null;
  return acceptedAt === null || state === 'reopened' ? 'respond' : 'resolve';
}
