import { and, count, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import type { Actor } from '../access/access.policy.js';
import { loadStation, loadStationOf, type StationRow } from './stations.access.js';
import type { CheckoutDto, CreateCheckoutBody } from './stations.dto.js';
import { StationErrors } from './stations.errors.js';
import { recordStationFigures } from './stations.figures.js';
import { publishStockChanged } from './stations.live.js';
import { seesContacts } from './stations.policy.js';
import { presentCheckout } from './stations.presenter.js';
import { stationCheckouts, stationDrills, stationIncidents, stationItemEvents, stationItems, type CheckoutPurpose } from './stations.schema.js';

/*
 * 领用与归还. A check-out takes units with ONE conditional statement,
 *   UPDATE station_items SET quantity = quantity - n WHERE id = $item AND quantity >= n,
 * so of fifty people reaching for the last units at once exactly as many succeed as there are
 * units and the rest are told how many are left (a CHECK quantity >= 0 stands behind it). A return
 * locks its check-out row, so two people returning the same thing cannot both put it back.
 */

const HOUR = 3_600_000;
/** How long equipment stays out unless the check-out says otherwise. */
export const defaultDueHours: Record<CheckoutPurpose, number> = { incident: 24, drill: 24, inspection: 24, other: 24, loan: 72 };

async function checkLinks(db: DbOrTx, s: StationRow, input: CreateCheckoutBody): Promise<void> {
  if (input.incidentId) {
    const [i] = await db.select({ id: stationIncidents.id }).from(stationIncidents).where(and(eq(stationIncidents.id, input.incidentId), eq(stationIncidents.stationId, s.id)));
    if (!i) throw new AppError(StationErrors.STATION_LINK_INVALID, 'The incident is not one of this station\'s', { incidentId: input.incidentId });
  }
  if (input.drillId) {
    const [d] = await db.select({ id: stationDrills.id }).from(stationDrills).where(and(eq(stationDrills.id, input.drillId), eq(stationDrills.stationId, s.id)));
    if (!d) throw new AppError(StationErrors.STATION_LINK_INVALID, 'The drill is not one of this station\'s', { drillId: input.drillId });
  }
  if (input.purpose === 'loan' && !input.borrowerName) throw new AppError(StationErrors.STATION_LINK_INVALID, 'A loan names the borrower', { field: 'borrowerName' });
}

/** 领用: takes `quantity` units of an item; consumables are used up, equipment is due back. */
export async function checkOutItem({ ctx, actor, stationId, input }: { ctx: AppContext; actor: Actor; stationId: number; input: CreateCheckoutBody }): Promise<CheckoutDto> {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:checkout');
  await checkLinks(ctx.db, s, input);
  const now = ctx.clock.now();
  const dueAt = input.dueAt ? new Date(input.dueAt) : new Date(now.getTime() + defaultDueHours[input.purpose] * HOUR);
  if (dueAt.getTime() <= now.getTime()) throw new AppError(StationErrors.STATION_LINK_INVALID, 'The due time must be in the future', { dueAt: input.dueAt });
  const { checkout, item } = await ctx.db.transaction(async (tx) => {
    const [item] = await tx.update(stationItems)
      .set({ quantity: sql`${stationItems.quantity} - ${input.quantity}`, updatedAt: now })
      .where(and(eq(stationItems.id, input.itemId), eq(stationItems.stationId, s.id), sql`${stationItems.quantity} >= ${input.quantity}`))
      .returning();
    if (!item) {
      const [known] = await tx.select({ quantity: stationItems.quantity, unit: stationItems.unit, name: stationItems.name }).from(stationItems)
        .where(and(eq(stationItems.id, input.itemId), eq(stationItems.stationId, s.id)));
      if (!known) throw notFound('Item', input.itemId);
      throw new AppError(StationErrors.STATION_STOCK_INSUFFICIENT, `Only ${known.quantity} ${known.unit} of ${known.name} left`, { available: known.quantity, requested: input.quantity });
    }
    const [checkout] = await tx.insert(stationCheckouts).values({
      communityId: s.communityId, stationId: s.id, itemId: item.id, quantity: input.quantity, state: item.consumable ? 'consumed' : 'out',
      purpose: input.purpose, reason: input.reason ?? null, incidentId: input.incidentId ?? null, drillId: input.drillId ?? null,
      borrowerName: input.borrowerName ?? null, borrowerPhone: input.borrowerPhone ?? null,
      checkedOutByAccountId: actor.accountId, checkedOutByName: actor.name, checkedOutAt: now, dueAt: item.consumable ? null : dueAt,
    }).returning();
    await tx.insert(stationItemEvents).values({
      communityId: s.communityId, stationId: s.id, itemId: item.id, kind: 'checkout', delta: -input.quantity, quantityAfter: item.quantity,
      checkoutId: checkout!.id, accountId: actor.accountId, actorName: actor.name, note: input.reason ?? null, at: now,
    });
    await recordStationFigures(tx, s, now, { checkouts: 1, units_out: input.quantity });
    return { checkout: checkout!, item };
  });
  await publishStockChanged(ctx, s, [item.id]);
  return presentCheckout(checkout, item, seesContacts(actor, s), now, item.quantity);
}

/** 归还: brings back units (and reports lost ones); the check-out is settled when nothing is left out. */
export async function returnCheckout({ ctx, actor, checkoutId, input }: { ctx: AppContext; actor: Actor; checkoutId: number; input: { quantity?: number; lost: number; note?: string | null } }): Promise<CheckoutDto> {
  const s = await loadStationOf(ctx.db, actor, 'station_checkouts', checkoutId, 'stations:checkout', 'Checkout');
  const now = ctx.clock.now();
  const { checkout, item } = await ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(stationCheckouts).where(eq(stationCheckouts.id, checkoutId)).for('update');
    if (c!.state !== 'out') throw new AppError(StationErrors.STATION_CHECKOUT_SETTLED, c!.state === 'consumed' ? 'Consumables are used up, not returned' : 'Already returned', { state: c!.state });
    const outstanding = c!.quantity - c!.returnedQuantity - c!.lostQuantity;
    const back = input.quantity ?? outstanding - input.lost;
    if (back < 0 || back + input.lost > outstanding) {
      throw new AppError(StationErrors.STATION_RETURN_TOO_MANY, `Only ${outstanding} still out`, { outstanding, quantity: back, lost: input.lost });
    }
    if (back + input.lost === 0) throw new AppError(StationErrors.STATION_NOTHING_TO_RECORD, 'Nothing returned or reported lost');
    const settled = back + input.lost === outstanding;
    const [updated] = await tx.update(stationCheckouts).set({
      returnedQuantity: c!.returnedQuantity + back, lostQuantity: c!.lostQuantity + input.lost, state: settled ? 'returned' : 'out',
      returnedAt: settled ? now : null, returnNote: input.note ?? c!.returnNote, version: c!.version + 1,
    }).where(eq(stationCheckouts.id, checkoutId)).returning();
    const [item] = back > 0
      ? await tx.update(stationItems).set({ quantity: sql`${stationItems.quantity} + ${back}`, updatedAt: now }).where(eq(stationItems.id, c!.itemId)).returning()
      : await tx.select().from(stationItems).where(eq(stationItems.id, c!.itemId));
    const events: (typeof stationItemEvents.$inferInsert)[] = [];
    const common = { communityId: s.communityId, stationId: s.id, itemId: item!.id, checkoutId, accountId: actor.accountId, actorName: actor.name, at: now };
    if (back > 0) events.push({ ...common, kind: 'return', delta: back, quantityAfter: item!.quantity, note: input.note ?? null });
    if (input.lost > 0) events.push({ ...common, kind: 'lost', delta: 0, quantityAfter: item!.quantity, note: [`丢失/损坏 ${input.lost}${item!.unit}`, input.note].filter(Boolean).join('：') });
    await tx.insert(stationItemEvents).values(events);
    return { checkout: updated!, item: item! };
  });
  await publishStockChanged(ctx, s, [item.id]);
  return presentCheckout(checkout, item, seesContacts(actor, s), now, item.quantity);
}

/** The station's check-outs, newest first: out, overdue, returned, used up, or all; one item's; mine. */
export async function listCheckouts({ ctx, actor, stationId, query }: {
  ctx: AppContext; actor: Actor; stationId: number;
  query: { state: 'out' | 'overdue' | 'returned' | 'consumed' | 'all'; itemId?: number; mine?: boolean; page: number; pageSize: number };
}) {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:read');
  const now = ctx.clock.now();
  const c = stationCheckouts;
  const where = and(
    eq(c.stationId, s.id),
    query.state === 'all' ? undefined : query.state === 'overdue' ? and(eq(c.state, 'out'), lt(c.dueAt, now)) : eq(c.state, query.state),
    query.itemId ? eq(c.itemId, query.itemId) : undefined,
    query.mine ? eq(c.checkedOutByAccountId, actor.accountId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db.select({ c, item: { id: stationItems.id, name: stationItems.name, unit: stationItems.unit, consumable: stationItems.consumable } })
      .from(c).innerJoin(stationItems, eq(stationItems.id, c.itemId)).where(where)
      .orderBy(desc(c.checkedOutAt), desc(c.id)).limit(query.pageSize).offset(offsetOf(query.page, query.pageSize)),
    ctx.db.select({ n: count() }).from(c).where(where),
  ]);
  const contacts = seesContacts(actor, s);
  return { items: rows.map((r) => presentCheckout(r.c, r.item, contacts, now)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
