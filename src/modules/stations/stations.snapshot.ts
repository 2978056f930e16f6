import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { AlertCheckout, AlertItem, AlertRollCall, AlertSnapshot } from './stations.alerts.js';
import type { ReadinessFacts } from './stations.readiness.js';
import type { RollCallAnswer } from './stations.schema.js';

/*
 * What the alert rules and the readiness score read, for a set of stations at once (a page of
 * the list, the sweep's batch, a whole city for the dashboard): a handful of set-based
 * statements, never a query per station.
 */

const idArray = (ids: readonly number[]) => `{${ids.map((id) => { if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`); return id; }).join(',')}}`;
const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** The alert rules' input per station (every station of `stationIds` has an entry). */
export async function loadAlertSnapshots(db: DbOrTx, stationIds: readonly number[]): Promise<Map<number, AlertSnapshot>> {
  const out = new Map<number, { items: AlertItem[]; openCheckouts: AlertCheckout[]; latestRollCall: AlertRollCall | null }>(stationIds.map((id) => [id, { items: [], openCheckouts: [], latestRollCall: null }]));
  if (stationIds.length === 0) return out;
  const ids = idArray(stationIds);
  const [items, checkouts, answers] = await Promise.all([
    queryRows<{ id: number; station_id: number; name: string; unit: string; quantity: number; standard_quantity: number; expires_on: string | null; next_inspection_on: string | null }>(db, sql`
      select id, station_id, name, unit, quantity, standard_quantity, to_char(expires_on, 'YYYY-MM-DD') as expires_on, to_char(next_inspection_on, 'YYYY-MM-DD') as next_inspection_on
      from station_items where station_id = any(${ids}::bigint[]) order by id`),
    queryRows<{ id: number; station_id: number; item_id: number; name: string; unit: string; outstanding: number; due_at: Date | string; holder: string }>(db, sql`
      select c.id, c.station_id, c.item_id, i.name, i.unit, c.quantity - c.returned_quantity - c.lost_quantity as outstanding, c.due_at,
        coalesce(c.borrower_name, c.checked_out_by_name) as holder
      from station_checkouts c join station_items i on i.id = c.item_id
      where c.station_id = any(${ids}::bigint[]) and c.state = 'out' order by c.id`),
    queryRows<{ station_id: number; roll_call_id: number; due_at: Date | string; key_holder_id: number; holder_name: string; key_label: string; answer: RollCallAnswer | null }>(db, sql`
      select r.station_id, r.id as roll_call_id, r.due_at, a.key_holder_id, h.name as holder_name, h.key_label, a.answer
      from (select distinct on (station_id) id, station_id, due_at from station_roll_calls
            where station_id = any(${ids}::bigint[]) order by station_id, started_at desc, id desc) r
      join station_roll_call_answers a on a.roll_call_id = r.id
      join station_key_holders h on h.id = a.key_holder_id
      order by a.id`),
  ]);
  for (const i of items) {
    out.get(Number(i.station_id))!.items.push({
      id: Number(i.id), name: i.name, unit: i.unit, quantity: Number(i.quantity), standardQuantity: Number(i.standard_quantity), expiresOn: i.expires_on, nextInspectionOn: i.next_inspection_on,
    });
  }
  for (const c of checkouts) {
    out.get(Number(c.station_id))!.openCheckouts.push({
      id: Number(c.id), itemId: Number(c.item_id), itemName: c.name, unit: c.unit, outstanding: Number(c.outstanding), dueAt: toDate(c.due_at), holderName: c.holder,
    });
  }
  for (const a of answers) {
    const snap = out.get(Number(a.station_id))!;
    snap.latestRollCall ??= { id: Number(a.roll_call_id), dueAt: toDate(a.due_at), answers: [] };
    snap.latestRollCall.answers.push({ keyHolderId: Number(a.key_holder_id), holderName: a.holder_name, keyLabel: a.key_label, answer: a.answer });
  }
  return out;
}

interface FactsRow {
  station_id: number;
  drill_every_days: number;
  stock_held: number; stock_standard: number; kinds_with_standard: number; kinds_below: number;
  with_expiry: number; expired: number; with_inspection: number; inspections_overdue: number;
  rc_id: number | null; rc_started_at: Date | string | null; rc_due_at: Date | string | null;
  rc_holders: number | null; rc_confirmed: number | null; rc_missing: number | null; rc_unanswered: number | null;
  last_drill_at: Date | string | null;
}

/**
 * The readiness facts of the stations matching `where` (a condition on `stations s`), in one
 * statement. The roll call that counts is the latest one that is complete or past its due time.
 */
export async function loadReadinessFacts(db: DbOrTx, where: ReturnType<typeof sql>, now: Date): Promise<Map<number, ReadinessFacts>> {
  const today = shanghaiDate(now);
  const at = now.toISOString();
  const rows = await queryRows<FactsRow>(db, sql`
    with s as (select s.id, s.drill_every_days from stations s where ${where}),
    items as (
      select i.station_id,
        coalesce(sum(least(i.quantity, i.standard_quantity)), 0)::int as stock_held,
        coalesce(sum(i.standard_quantity), 0)::int as stock_standard,
        count(*) filter (where i.standard_quantity > 0)::int as kinds_with_standard,
        count(*) filter (where i.quantity < i.standard_quantity)::int as kinds_below,
        count(*) filter (where i.expires_on is not null and i.quantity > 0)::int as with_expiry,
        count(*) filter (where i.expires_on < ${today}::date and i.quantity > 0)::int as expired,
        count(*) filter (where i.next_inspection_on is not null)::int as with_inspection,
        count(*) filter (where i.next_inspection_on < ${today}::date)::int as inspections_overdue
      from station_items i where i.station_id in (select id from s) group by i.station_id),
    calls as (
      select r.station_id, r.id, r.started_at, r.due_at,
        count(a.id)::int as holders,
        count(a.id) filter (where a.answer = 'has_key')::int as confirmed,
        count(a.id) filter (where a.answer = 'key_missing')::int as missing,
        count(a.id) filter (where a.answer is null)::int as unanswered
      from station_roll_calls r join station_roll_call_answers a on a.roll_call_id = r.id
      where r.station_id in (select id from s) and r.started_at <= ${at}::timestamptz
      group by r.id
      having r.due_at <= ${at}::timestamptz or count(a.id) filter (where a.answer is null) = 0),
    latest as (select distinct on (station_id) * from calls order by station_id, started_at desc, id desc),
    drills as (select d.station_id, max(d.held_at) as last_at from station_drills d
      where d.station_id in (select id from s) and d.held_at <= ${at}::timestamptz group by d.station_id)
    select s.id as station_id, s.drill_every_days,
      coalesce(items.stock_held, 0) as stock_held, coalesce(items.stock_standard, 0) as stock_standard,
      coalesce(items.kinds_with_standard, 0) as kinds_with_standard, coalesce(items.kinds_below, 0) as kinds_below,
      coalesce(items.with_expiry, 0) as with_expiry, coalesce(items.expired, 0) as expired,
      coalesce(items.with_inspection, 0) as with_inspection, coalesce(items.inspections_overdue, 0) as inspections_overdue,
      latest.id as rc_id, latest.started_at as rc_started_at, latest.due_at as rc_due_at, latest.holders as rc_holders,
      latest.confirmed as rc_confirmed, latest.missing as rc_missing, latest.unanswered as rc_unanswered,
      drills.last_at as last_drill_at
    from s left join items on items.station_id = s.id left join latest on latest.station_id = s.id left join drills on drills.station_id = s.id`);
  return new Map(rows.map((r) => [Number(r.station_id), {
    stockHeld: Number(r.stock_held), stockStandard: Number(r.stock_standard), kindsWithStandard: Number(r.kinds_with_standard), kindsBelow: Number(r.kinds_below),
    itemsWithExpiry: Number(r.with_expiry), expired: Number(r.expired), itemsWithInspection: Number(r.with_inspection), inspectionsOverdue: Number(r.inspections_overdue),
    rollCall: r.rc_id === null ? null : {
      id: Number(r.rc_id), startedAt: toDate(r.rc_started_at!), dueAt: toDate(r.rc_due_at!), holders: Number(r.rc_holders),
      confirmed: Number(r.rc_confirmed), missing: Number(r.rc_missing), unanswered: Number(r.rc_unanswered),
    },
    lastDrillAt: r.last_drill_at === null ? null : toDate(r.last_drill_at),
    drillEveryDays: Number(r.drill_every_days),
  } satisfies ReadinessFacts]));
}
