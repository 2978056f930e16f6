import { shanghaiWallClock } from '../../src/shared/shanghai-time.js';
import { openRequestStates } from '../../src/shared/request-states.js';
import type { CityFacts, Session } from './prepare.js';
import type { ScenarioRequest } from './scenario.js';

/** Which ceiling a scenario is compared with, and its target if the issue sets one. */
export interface ScenarioSpec {
  key: string;
  title: string;
  ceiling: 'database' | 'framework';
  idempotencyKeys?: boolean;
  requests: ScenarioRequest[];
  /** e.g. the deep page actually used, the number of open rows in the queue */
  note?: string;
  /** Non-2xx statuses that are expected answers (a claim storm's 409s). */
  expectedStatuses?: number[];
}

const W3C = (d: Date) => shanghaiWallClock(d).toISOString().replace(/\.\d{3}Z$/, '+08:00');
export const QUEUE_PAGE_SIZE = 20;
export const DEEP_PAGE = 50;

/** The five scenarios of the issue (queue and figures in two variants each). */
export function buildScenarios(city: CityFacts, s: { residents: Session[]; dispatcher: Session; dept: Session }): ScenarioSpec[] {
  const states = openRequestStates.join(',');
  const queue = (page: number) => `/api/requests?communityId=${city.queue.communityId}&state=${states}&page=${page}&pageSize=${QUEUE_PAGE_SIZE}`;
  const lastPage = Math.max(1, Math.ceil(city.queue.openCount / QUEUE_PAGE_SIZE));
  const deep = Math.min(DEEP_PAGE, lastPage);
  const end = new Date(city.latest);
  const start = new Date(end.getTime() - 30 * 86_400_000);
  const open311Search = `/open311/v2/requests.json?jurisdiction_id=${city.cityCode}&service_code=${city.serviceCode}&start_date=${encodeURIComponent(W3C(start))}&end_date=${encodeURIComponent(W3C(end))}`;
  return [
    {
      key: 'file', title: '1. resident files a request (POST /api/requests, Idempotency-Key)', ceiling: 'database', idempotencyKeys: true,
      note: `${s.residents.length} residents' sessions round-robin; JSON body with categoryId`,
      requests: s.residents.map((r) => ({
        method: 'POST', path: '/api/requests', headers: r.headers,
        body: { categoryId: city.categoryId, description: '家里暖气片冰凉，室内只有十几度，老人孩子受不了', locationKind: 'own_unit', priority: 'normal' },
      })),
    },
    {
      key: 'queue_first', title: '2a. dispatcher queue, open requests, page 1', ceiling: 'framework',
      note: `community ${city.queue.communityId}: ${city.queue.openCount} open requests`,
      requests: [{ method: 'GET', path: queue(1), headers: s.dispatcher.headers }],
    },
    {
      key: 'queue_deep', title: `2b. dispatcher queue, open requests, page ${deep}`, ceiling: 'framework',
      note: `page ${deep} of ${lastPage} (rows ${(deep - 1) * QUEUE_PAGE_SIZE + 1}–${deep * QUEUE_PAGE_SIZE})`,
      requests: [{ method: 'GET', path: queue(deep), headers: s.dispatcher.headers }],
    },
    {
      key: 'detail', title: '3. request detail with timeline (GET /api/requests/:id)', ceiling: 'framework',
      note: `${city.detailIds.length} requests of the community, round-robin`,
      requests: city.detailIds.map((id) => ({ method: 'GET', path: `/api/requests/${id}`, headers: s.dispatcher.headers })),
    },
    {
      key: 'figures_community', title: '4a. community figures, whole history', ceiling: 'framework',
      requests: [{ method: 'GET', path: `/api/figures/requests?communityId=${city.queue.communityId}`, headers: s.dispatcher.headers }],
    },
    {
      key: 'figures_city', title: '4b. city-wide figures, whole history', ceiling: 'framework',
      requests: [{ method: 'GET', path: `/api/figures/requests?cityId=${city.cityId}`, headers: s.dept.headers }],
    },
    {
      // A city system polling the API asks for gzip, as HTTP clients do by default (curl
      // --compressed, requests, okhttp); the next scenario is the same search without it.
      key: 'open311', title: '5. Open311 GET requests.json, one service code, 30 days (Accept-Encoding: gzip)', ceiling: 'framework',
      note: `service_code=${city.serviceCode}, ${W3C(start)} – ${W3C(end)}`,
      requests: [{ method: 'GET', path: open311Search, headers: { 'accept-encoding': 'gzip' } }],
    },
    {
      key: 'open311_plain', title: '5b. the same Open311 search, uncompressed (no Accept-Encoding)', ceiling: 'framework',
      note: 'the ~600 KB JSON page as it is',
      requests: [{ method: 'GET', path: open311Search }],
    },
  ];
}
