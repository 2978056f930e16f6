import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../../db/client.js';
import { stationFigures } from '../../stations/stations.figures.js';
import { listStationReadiness } from '../../stations/stations.readiness.service.js';
import { familyCalendar, familySource } from './family-source.js';
import { idArray, ratio, sum, type DashboardLevel, type MetricFile, type MetricSource, type SourceQuery, type SourceRow } from './types.js';

/** 应急服务站: use and practice (family `stations`) and readiness now (the stations module's own score). */
export const stationsSource = familySource(stationFigures, { module: 'stations', levels: ['city', 'district', 'street', 'community'] });

const scopeKey: Record<Exclude<DashboardLevel, 'compound'>, 'cityId' | 'districtId' | 'streetId' | 'communityId'> = {
  city: 'cityId', district: 'districtId', street: 'streetId', community: 'communityId',
};
const communityColumn: Record<Exclude<DashboardLevel, 'compound'>, string> = { city: 'city_id', district: 'district_id', street: 'street_id', community: 'id' };

/**
 * Readiness is a score of each station's stock, expiry, inspections, roll call and drills now,
 * computed by the stations module (`listStationReadiness`, its contract with the dashboard, access
 * checked) from the station's own small tables; here it is summed per area.
 */
async function readReadiness(db: DbOrTx, q: SourceQuery): Promise<SourceRow[]> {
  if (q.areaIds.length === 0 || q.level === 'compound') return [];
  const level = q.level;
  const areaOfCommunity = new Map((await queryRows<{ id: number; area: number }>(db, sql`
    select id, ${sql.raw(communityColumn[level])} as area from communities where ${sql.raw(communityColumn[level])} = any(${idArray(q.areaIds)}::bigint[])`))
    .map((r) => [Number(r.id), Number(r.area)]));
  const cityIds = new Set((await queryRows<{ city_id: number }>(db, sql`select distinct city_id from communities where id = any(${idArray([...areaOfCommunity.keys()])}::bigint[])`)).map((r) => Number(r.city_id)));
  const out = new Map<number, SourceRow>();
  for (const cityId of cityIds) {
    const scope = q.areaIds.length === 1 ? { [scopeKey[level]]: q.areaIds[0] } : { cityId };
    const { items } = await listStationReadiness({ db, actor: q.actor, scope, now: q.now });
    for (const s of items) {
      const area = areaOfCommunity.get(s.communityId);
      if (area === undefined) continue;
      const row = out.get(area) ?? { areaId: area, month: null, counters: { stations: 0, score_tenths: 0, ready: 0 } };
      row.counters.stations! += 1;
      row.counters.score_tenths! += Math.round(s.score * 10);
      if (s.score >= 80) row.counters.ready! += 1;
      out.set(area, row);
    }
  }
  return [...out.values()];
}

export const readinessSource: MetricSource = {
  id: 'stations.readiness',
  module: 'stations',
  levels: ['city', 'district', 'street', 'community'],
  windowed: false,
  freshness: 'snapshot: computed at each read by the stations module from its stock, expiry, inspection, roll-call and drill records',
  read: readReadiness,
  recount: readReadiness,
};

export const stationsMetrics: MetricFile = {
  module: 'stations',
  metrics: [
    {
      module: 'stations', source: readinessSource, id: 'stations.readiness', unit: 'score', higherIsBetter: true,
      name: { zh: '应急站战备度', en: 'Station readiness' },
      definition: { zh: '各应急服务站战备得分（0–100：物资 40、效期 15、检查 15、点名 15、演练 15）的平均', en: 'Mean readiness score of the stations (0–100: stock 40, expiry 15, inspections 15, roll call 15, drills 15)', sql: 'avg(score) over listStationReadiness' },
      value: (c) => { const r = ratio(sum(c, 'score_tenths'), sum(c, 'stations')); return r === null ? null : Math.round(r) / 10; },
    },
    {
      module: 'stations', source: readinessSource, id: 'stations.count', unit: 'count', higherIsBetter: true,
      name: { zh: '应急服务站', en: 'Emergency stations' },
      definition: { zh: '辖区内的应急服务站', en: 'Emergency stations in the area', sql: 'count(*) from stations' },
      value: (c) => sum(c, 'stations'),
    },
    {
      module: 'stations', source: stationsSource, id: 'stations.drills', unit: 'count', higherIsBetter: true,
      name: { zh: '培训演练', en: 'Trainings and drills' },
      definition: { zh: '窗口内开展的培训和演练', en: 'Trainings and drills held in the window', sql: 'sum(drills)' },
      value: (c) => sum(c, 'drills'),
    },
    {
      module: 'stations', source: stationsSource, id: 'stations.incidents', unit: 'count', higherIsBetter: true,
      name: { zh: '应急处置', en: 'Incidents handled' },
      definition: { zh: '应急站登记的突发事件', en: 'Incidents logged by the stations', sql: 'sum(incidents)' },
      value: (c) => sum(c, 'incidents'),
    },
    {
      module: 'stations', source: stationsSource, id: 'stations.checkouts', unit: 'count', higherIsBetter: true,
      name: { zh: '物资领用', en: 'Check-outs' },
      definition: { zh: '物资、装备领用次数', en: 'Check-outs of equipment or supplies', sql: 'sum(checkouts)' },
      value: (c) => sum(c, 'checkouts'),
    },
  ],
  calendars: [familyCalendar(stationFigures, 'incidents', { id: 'stations.incidents_daily', module: 'stations', name: { zh: '应急事件日历', en: 'Incidents per day' } })],
};
