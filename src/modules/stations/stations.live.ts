import { publishLive } from '../../kernel/live.js';
import type { LiveTopicSpec } from '../../kernel/live.js';
import type { AppContext } from '../../server/context.js';
import { stationScope, type StationPlace } from './stations.policy.js';

/** Live topics: the station page and the night page reload what changed without a refresh. */
export const stationLiveTopics: LiveTopicSpec[] = [
  { topic: 'station.stock', description: 'Stock of a station changed (check-out, return, restock, stocktake, new item)', permission: 'stations:read' },
  { topic: 'station.updated', description: 'Something else of a station changed (roll call answered, drill or incident recorded)', permission: 'stations:read' },
];

/** After commit: which items of which station changed. */
export async function publishStockChanged(ctx: Pick<AppContext, 'events'>, s: StationPlace & { id: number }, itemIds: number[]): Promise<void> {
  await publishLive(ctx, { topic: 'station.stock', scope: { ...stationScope(s) }, payload: { stationId: s.id, itemIds } });
}

export async function publishStationUpdated(ctx: Pick<AppContext, 'events'>, s: StationPlace & { id: number }, what: string): Promise<void> {
  await publishLive(ctx, { topic: 'station.updated', scope: { ...stationScope(s) }, payload: { stationId: s.id, what } });
}
