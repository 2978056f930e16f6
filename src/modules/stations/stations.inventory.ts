import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { likePattern, offsetOf } from '../../server/pagination.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { Actor } from '../access/access.policy.js';
import { defaultAlertRules } from './stations.alerts.js';
import { loadStation, loadStationOf } from './stations.access.js';
import type { CreateItemBody, ItemDto, UpdateItemBody } from './stations.dto.js';
import { StationErrors } from './stations.errors.js';
import { publishStockChanged } from './stations.live.js';
import { presentItem } from './stations.presenter.js';
import { stationItemEvents, stationItems, type itemSections } from './stations.schema.js';

/*
 * 物资: kinds of equipment and supplies with their standard, and every change of stock. Stock is
 * changed only by statements that decide in the database — `quantity = quantity + n`, a
 * conditional `quantity = quantity - n WHERE quantity >= n` (stations.checkouts.ts), or an
 * absolute stocktake under the row's lock — each with its ledger row in the same transaction.
 */

type ItemRow = typeof stationItems.$inferSelect;

/** YYYY-MM-DD plus n days. */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The next inspection: the interval after the last one, or today for an item never inspected. */
export function nextInspection(every: number | null | undefined, last: string | null | undefined, today: string): string | null {
  if (!every) return null;
  return last ? addDays(last, every) : today;
}

/** An item of the station (or 404), read with the station's access check. */
export async function loadItem(db: DbOrTx, actor: Actor, itemId: number, permission: string): Promise<{ item: ItemRow; station: Awaited<ReturnType<typeof loadStation>> }> {
  const station = await loadStationOf(db, actor, 'station_items', itemId, permission, 'Item');
  const [item] = await db.select().from(stationItems).where(eq(stationItems.id, itemId));
  return { item: item!, station };
}

/** Units of each item still out (equipment check-outs not yet back). */
async function outstandingOf(db: DbOrTx, itemIds: readonly number[]): Promise<Map<number, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await queryRows<{ item_id: number; n: number }>(db, sql`
    select item_id, sum(quantity - returned_quantity - lost_quantity)::int as n from station_checkouts
    where item_id = any(${`{${itemIds.join(',')}}`}::bigint[]) and state = 'out' group by item_id`);
  return new Map(rows.map((r) => [Number(r.item_id), r.n]));
}

export async function presentItems(db: DbOrTx, rows: readonly ItemRow[], now: Date): Promise<ItemDto[]> {
  const out = await outstandingOf(db, rows.map((r) => r.id));
  return rows.map((r) => presentItem(r, out.get(r.id) ?? 0, now));
}

type StatusFilter = 'below_standard' | 'expired' | 'near_expiry' | 'inspection_due' | 'attention';

function statusCondition(status: StatusFilter, today: string): SQL {
  const t = stationItems;
  const soon = addDays(today, defaultAlertRules.nearExpiryDays);
  const inspect = addDays(today, defaultAlertRules.inspectionDueDays);
  const below = sql`${t.quantity} < ${t.standardQuantity}`;
  const expired = sql`(${t.expiresOn} < ${today}::date and ${t.quantity} > 0)`;
  const near = sql`(${t.expiresOn} between ${today}::date and ${soon}::date and ${t.quantity} > 0)`;
  const due = sql`${t.nextInspectionOn} <= ${inspect}::date`;
  switch (status) {
    case 'below_standard': return below;
    case 'expired': return expired;
    case 'near_expiry': return near;
    case 'inspection_due': return due;
    case 'attention': return or(below, expired, near, due)!;
  }
}

/** The station's items, searched by name, category or location (Chinese text as typed), by section, category and status. */
export async function listItems({ ctx, actor, stationId, query }: {
  ctx: AppContext; actor: Actor; stationId: number;
  query: { q?: string; section?: (typeof itemSections)[number]; category?: string; status?: StatusFilter; page: number; pageSize: number };
}) {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:read');
  const now = ctx.clock.now();
  const t = stationItems;
  const where = and(
    eq(t.stationId, s.id),
    query.q ? or(ilike(t.name, likePattern(query.q)), ilike(t.category, likePattern(query.q)), ilike(t.location, likePattern(query.q))) : undefined,
    query.section ? eq(t.section, query.section) : undefined,
    query.category ? eq(t.category, query.category) : undefined,
    query.status ? statusCondition(query.status, shanghaiDate(now)) : undefined,
  );
  const [rows, [total], categories] = await Promise.all([
    // A name that starts with the search comes first (挪车 → 挪车器 before 电动挪车器).
    ctx.db.select().from(t).where(where)
      .orderBy(...(query.q ? [sql`case when ${t.name} ilike ${`${likePattern(query.q).slice(1)}`} then 0 else 1 end`] : []), asc(t.section), asc(t.category), asc(t.name), asc(t.id))
      .limit(query.pageSize).offset(offsetOf(query.page, query.pageSize)),
    ctx.db.select({ n: count() }).from(t).where(where),
    ctx.db.select({ section: t.section, category: t.category, kinds: sql<number>`count(*)::int` }).from(t).where(eq(t.stationId, s.id))
      .groupBy(t.section, t.category).orderBy(asc(t.section), asc(t.category)),
  ]);
  return { items: await presentItems(ctx.db, rows, now), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize, categories };
}

async function appendItemEvent(tx: DbOrTx, e: typeof stationItemEvents.$inferInsert): Promise<void> {
  await tx.insert(stationItemEvents).values(e);
}

/** Adds a kind to the station's catalogue with its standard and initial stock. */
export async function createItem({ ctx, actor, stationId, input }: { ctx: AppContext; actor: Actor; stationId: number; input: CreateItemBody }): Promise<ItemDto> {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:manage');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const item = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(stationItems).values({
      communityId: s.communityId, stationId: s.id, section: input.section, category: input.category, name: input.name, unit: input.unit,
      quantity: input.quantity, standardQuantity: input.standardQuantity, consumable: input.consumable, location: input.location ?? null,
      expiresOn: input.expiresOn ?? null, inspectEveryDays: input.inspectEveryDays ?? null, lastInspectedOn: input.lastInspectedOn ?? null,
      nextInspectionOn: nextInspection(input.inspectEveryDays, input.lastInspectedOn, today), note: input.note ?? null, createdAt: now, updatedAt: now,
    }).onConflictDoNothing().returning();
    if (!row) throw new AppError(StationErrors.STATION_LINK_INVALID, 'The station already keeps an item of that name', { name: input.name });
    await appendItemEvent(tx, {
      communityId: s.communityId, stationId: s.id, itemId: row.id, kind: 'initial', delta: row.quantity, quantityAfter: row.quantity,
      accountId: actor.accountId, actorName: actor.name, note: '建档', at: now,
    });
    return row;
  });
  await publishStockChanged(ctx, s, [item.id]);
  return presentItem(item, 0, now);
}

/** Edits what the item is (name, category, unit, standard, location, expiry, inspection interval) — never its quantity. */
export async function updateItem({ ctx, actor, itemId, input }: { ctx: AppContext; actor: Actor; itemId: number; input: UpdateItemBody }): Promise<ItemDto> {
  const { station } = await loadItem(ctx.db, actor, itemId, 'stations:manage');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [item] = await tx.select().from(stationItems).where(eq(stationItems.id, itemId)).for('update');
    const set: Partial<ItemRow> = { updatedAt: now };
    for (const k of ['category', 'name', 'unit', 'standardQuantity', 'location', 'expiresOn', 'note'] as const) {
      if (input[k] !== undefined) (set as Record<string, unknown>)[k] = input[k];
    }
    if (input.inspectEveryDays !== undefined) {
      set.inspectEveryDays = input.inspectEveryDays;
      set.nextInspectionOn = nextInspection(input.inspectEveryDays, item!.lastInspectedOn, shanghaiDate(now));
    }
    if (set.name && set.name !== item!.name) {
      const [taken] = await tx.select({ id: stationItems.id }).from(stationItems).where(and(eq(stationItems.stationId, station.id), eq(stationItems.name, set.name)));
      if (taken) throw new AppError(StationErrors.STATION_LINK_INVALID, 'The station already keeps an item of that name', { name: set.name });
    }
    const [updated] = await tx.update(stationItems).set(set).where(eq(stationItems.id, itemId)).returning();
    return updated!;
  });
  await publishStockChanged(ctx, station, [row.id]);
  return (await presentItems(ctx.db, [row], now))[0]!;
}

/** 补货: adds units (and, when given, the nearest expiry of the stock after it). */
export async function restockItem({ ctx, actor, itemId, input }: { ctx: AppContext; actor: Actor; itemId: number; input: { quantity: number; expiresOn?: string | null; note?: string | null } }): Promise<ItemDto> {
  const { station } = await loadItem(ctx.db, actor, itemId, 'stations:manage');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(stationItems).set({
      quantity: sql`${stationItems.quantity} + ${input.quantity}`, updatedAt: now, ...(input.expiresOn !== undefined ? { expiresOn: input.expiresOn } : {}),
    }).where(eq(stationItems.id, itemId)).returning();
    await appendItemEvent(tx, {
      communityId: station.communityId, stationId: station.id, itemId, kind: 'restock', delta: input.quantity, quantityAfter: updated!.quantity,
      accountId: actor.accountId, actorName: actor.name, note: input.note ?? null, at: now,
    });
    return updated!;
  });
  await publishStockChanged(ctx, station, [row.id]);
  return (await presentItems(ctx.db, [row], now))[0]!;
}

/** 盘点: what was counted replaces what the books said, under the row's lock (check-outs wait); the difference is the ledger's delta. */
export async function stocktakeItem({ ctx, actor, itemId, input }: { ctx: AppContext; actor: Actor; itemId: number; input: { counted: number; note?: string | null } }): Promise<ItemDto> {
  const { station } = await loadItem(ctx.db, actor, itemId, 'stations:manage');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ quantity: stationItems.quantity }).from(stationItems).where(eq(stationItems.id, itemId)).for('update');
    const [updated] = await tx.update(stationItems).set({ quantity: input.counted, updatedAt: now }).where(eq(stationItems.id, itemId)).returning();
    await appendItemEvent(tx, {
      communityId: station.communityId, stationId: station.id, itemId, kind: 'stocktake', delta: input.counted - before!.quantity, quantityAfter: input.counted,
      accountId: actor.accountId, actorName: actor.name, note: input.note ?? (input.counted === before!.quantity ? '盘点无差异' : null), at: now,
    });
    return updated!;
  });
  await publishStockChanged(ctx, station, [row.id]);
  return (await presentItems(ctx.db, [row], now))[0]!;
}

/** 检查: records an inspection; the next one falls due after the item's interval. */
export async function inspectItem({ ctx, actor, itemId, input }: { ctx: AppContext; actor: Actor; itemId: number; input: { inspectedOn?: string; ok: boolean; note?: string | null } }): Promise<ItemDto> {
  const { station, item } = await loadItem(ctx.db, actor, itemId, 'stations:manage');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const on = input.inspectedOn ?? today;
  if (on > today) throw new AppError(StationErrors.STATION_LINK_INVALID, 'An inspection cannot be recorded for a future day', { inspectedOn: on });
  if (item.lastInspectedOn && on < item.lastInspectedOn) throw new AppError(StationErrors.STATION_LINK_INVALID, 'A later inspection is already recorded', { lastInspectedOn: item.lastInspectedOn });
  const row = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(stationItems).set({
      lastInspectedOn: on, nextInspectionOn: item.inspectEveryDays ? addDays(on, input.ok ? item.inspectEveryDays : 0) : null, updatedAt: now,
    }).where(eq(stationItems.id, itemId)).returning();
    await appendItemEvent(tx, {
      communityId: station.communityId, stationId: station.id, itemId, kind: 'inspection', delta: 0, quantityAfter: updated!.quantity,
      accountId: actor.accountId, actorName: actor.name, note: [input.ok ? '检查合格' : '检查不合格，待维修', input.note].filter(Boolean).join('：'), at: now,
    });
    return updated!;
  });
  await publishStockChanged(ctx, station, [row.id]);
  return (await presentItems(ctx.db, [row], now))[0]!;
}

/** The item's ledger, newest first. */
export async function listItemEvents({ ctx, actor, itemId, query }: { ctx: AppContext; actor: Actor; itemId: number; query: { page: number; pageSize: number } }) {
  await loadItem(ctx.db, actor, itemId, 'stations:read');
  const where = eq(stationItemEvents.itemId, itemId);
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(stationItemEvents).where(where).orderBy(desc(stationItemEvents.at), desc(stationItemEvents.id))
      .limit(query.pageSize).offset(offsetOf(query.page, query.pageSize)),
    ctx.db.select({ n: count() }).from(stationItemEvents).where(where),
  ]);
  return {
    items: rows.map((e) => ({ id: e.id, kind: e.kind, delta: e.delta, quantityAfter: e.quantityAfter, checkoutId: e.checkoutId, actorName: e.actorName, note: e.note, at: e.at.toISOString() })),
    total: total?.n ?? 0, page: query.page, pageSize: query.pageSize,
  };
}

