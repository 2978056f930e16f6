import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import type { JobSpec } from '../../kernel/jobs.js';
import type { AppContext } from '../../server/context.js';
import { deliverNotifications, notifyMany, type NotificationRow } from '../notifications/notifications.service.js';
import { alertSentence, evaluateAlerts, type StationAlert } from './stations.alerts.js';
import { managersOf, startRollCall, stationsDueRollCall } from './stations.keys.js';
import { stations } from './stations.schema.js';
import { loadAlertSnapshots } from './stations.snapshot.js';

/*
 * The stations' two jobs. The alert sweep runs the alert rules over every station, batch by
 * batch; an alert the managers were not yet told about is inserted into station_alert_notices
 * (a partial unique index on the open key decides "new" even if two sweeps overlap) and the
 * managers get one notification per station listing what is new; alerts that went away are
 * marked resolved, so they are told again if one comes back. The roll-call job opens the
 * periodic roll call of every station that is due one.
 */

export interface SweepResult {
  stations: number;
  newAlerts: number;
  resolved: number;
  notified: number;
}

/** One sweep at `now` (optionally over some communities only: a test sharing its database, a sharded deployment). */
export async function sweepStationAlerts(ctx: AppContext, now: Date, opts: { communityIds?: number[]; batchSize?: number } = {}): Promise<SweepResult> {
  const batch = opts.batchSize ?? 200;
  const result: SweepResult = { stations: 0, newAlerts: 0, resolved: 0, notified: 0 };
  for (let cursor = 0; ;) {
    const rows = await ctx.db.select().from(stations)
      .where(and(gt(stations.id, cursor), opts.communityIds ? inArray(stations.communityId, opts.communityIds) : undefined))
      .orderBy(asc(stations.id)).limit(batch);
    if (rows.length === 0) break;
    cursor = rows[rows.length - 1]!.id;
    result.stations += rows.length;
    const snapshots = await loadAlertSnapshots(ctx.db, rows.map((r) => r.id));
    const alerts = rows.flatMap((s) => evaluateAlerts(snapshots.get(s.id)!, now).map((a) => ({ s, a })));
    const ids = `{${rows.map((r) => r.id).join(',')}}`;
    const notices = await ctx.db.transaction(async (tx) => {
      const fresh = alerts.length === 0 ? [] : await queryRows<{ station_id: number; alert_key: string }>(tx, sql`
        insert into station_alert_notices (community_id, station_id, alert_key, kind, first_seen_at)
        select v.community_id, v.station_id, v.alert_key, v.kind, ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(alerts.map(({ s, a }) => ({ community_id: s.communityId, station_id: s.id, alert_key: a.key, kind: a.kind })))}::jsonb)
          as v(community_id bigint, station_id bigint, alert_key text, kind text)
        on conflict (station_id, alert_key) where resolved_at is null do nothing
        returning station_id, alert_key`);
      const resolved = await queryRows<{ id: number }>(tx, sql`
        update station_alert_notices n set resolved_at = ${now.toISOString()}::timestamptz
        where n.station_id = any(${ids}::bigint[]) and n.resolved_at is null
          and not (n.alert_key = any(${`{${alerts.map(({ a }) => `"${a.key}"`).join(',')}}`}::text[]))
        returning n.id`);
      result.newAlerts += fresh.length;
      result.resolved += resolved.length;
      const freshKeys = new Set(fresh.map((f) => `${f.station_id}|${f.alert_key}`));
      const byStation = new Map<number, StationAlert[]>();
      for (const { s, a } of alerts) if (freshKeys.has(`${s.id}|${a.key}`)) byStation.set(s.id, [...(byStation.get(s.id) ?? []), a]);
      const inputs = [];
      for (const s of rows) {
        const list = byStation.get(s.id);
        if (!list) continue;
        const critical = list.filter((a) => a.severity === 'critical').length;
        inputs.push({
          communityId: s.communityId, accountIds: await managersOf(tx, s), kind: 'station.alert', at: now,
          title: `「${s.name}」${list.length} 项新提醒${critical ? `（${critical} 项紧急）` : ''}`,
          body: list.slice(0, 5).map(alertSentence).join('；') + (list.length > 5 ? ` 等 ${list.length} 项` : ''),
          link: `/stations/${s.id}`, data: { stationId: s.id, alertKeys: list.map((a) => a.key) },
        });
      }
      return notifyMany(tx, inputs);
    });
    result.notified += notices.length;
    await deliverNotifications(ctx, notices as NotificationRow[]);
    if (rows.length < batch) break;
  }
  return result;
}

/** Opens the scheduled roll calls that are due (each under the station's row lock: never two open at once). */
export async function openScheduledRollCalls(ctx: AppContext, now: Date, opts: { communityIds?: number[] } = {}): Promise<{ opened: number }> {
  let opened = 0;
  for (let afterId = 0; ;) {
    const due = await stationsDueRollCall(ctx.db, now, 100, { afterId, communityIds: opts.communityIds });
    for (const id of due) if (await startRollCall({ ctx, actor: null, stationId: id, now })) opened++;
    if (due.length < 100) break;
    afterId = due[due.length - 1]!;
  }
  return { opened };
}

export const alertSweepJob: JobSpec = {
  name: 'stations.alert-sweep',
  description: 'Runs the stations\' alert rules and notifies the managers of each new alert once',
  everySeconds: Number(process.env.STATION_ALERT_SWEEP_SECONDS ?? 600) || 600,
  run: (ctx, now) => sweepStationAlerts(ctx, now),
};

export const rollCallJob: JobSpec = {
  name: 'stations.roll-calls',
  description: 'Opens the periodic key roll call of every station that is due one',
  everySeconds: Number(process.env.STATION_ROLL_CALL_SECONDS ?? 3600) || 3600,
  run: (ctx, now) => openScheduledRollCalls(ctx, now),
};
