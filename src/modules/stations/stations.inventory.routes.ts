import { pageQuery } from '../../kernel/dto.js';
import { z } from 'zod';
import { actorOf, type App } from '../../server/context.js';
import { checkOutItem, listCheckouts, returnCheckout } from './stations.checkouts.js';
import {
  checkoutDto, checkoutListQuery, checkoutPage, createCheckoutBody, createItemBody, idParam, inspectionBody, itemDto, itemEventPage, itemListQuery, itemPage,
  restockBody, returnBody, stocktakeBody, updateItemBody,
} from './stations.dto.js';
import { createItem, inspectItem, listItemEvents, listItems, restockItem, stocktakeItem, updateItem } from './stations.inventory.js';
import { perm, tags } from './stations.route-kit.js';

/** Items (catalogue, restock, stocktake, inspections, ledger) and check-outs with returns. */
export function registerInventoryRoutes(app: App): void {
  const ctx = app.ctx;

  app.get('/api/stations/:id/items', { config: perm('stations:read'), schema: { tags, summary: 'The station\'s items: search by name/category/location, filter by section, category, status', params: idParam, querystring: itemListQuery, response: { 200: itemPage } } },
    async (req) => listItems({ ctx, actor: actorOf(req), stationId: req.params.id, query: req.query }));

  app.post('/api/stations/:id/items', { config: perm('stations:manage'), schema: { tags, summary: 'Add a kind of equipment or supply with its stock standard and initial stock', params: idParam, body: createItemBody, response: { 201: itemDto } } },
    async (req, reply) => reply.code(201).send(await createItem({ ctx, actor: actorOf(req), stationId: req.params.id, input: req.body })));

  app.patch('/api/station-items/:id', { config: perm('stations:manage'), schema: { tags, summary: 'Edit an item (not its quantity: restock, stocktake and check-outs change that)', params: idParam, body: updateItemBody, response: { 200: itemDto } } },
    async (req) => updateItem({ ctx, actor: actorOf(req), itemId: req.params.id, input: req.body }));

  app.post('/api/station-items/:id/restock', { config: perm('stations:manage'), schema: { tags, summary: '补货: add units', params: idParam, body: restockBody, response: { 200: itemDto } } },
    async (req) => restockItem({ ctx, actor: actorOf(req), itemId: req.params.id, input: req.body }));

  app.post('/api/station-items/:id/stocktake', { config: perm('stations:manage'), schema: { tags, summary: '盘点: what was counted replaces what the books said', params: idParam, body: stocktakeBody, response: { 200: itemDto } } },
    async (req) => stocktakeItem({ ctx, actor: actorOf(req), itemId: req.params.id, input: req.body }));

  app.post('/api/station-items/:id/inspections', { config: perm('stations:manage'), schema: { tags, summary: '检查: record an inspection; the next one falls due after the interval', params: idParam, body: inspectionBody, response: { 200: itemDto } } },
    async (req) => inspectItem({ ctx, actor: actorOf(req), itemId: req.params.id, input: req.body }));

  app.get('/api/station-items/:id/events', { config: perm('stations:read'), schema: { tags, summary: 'The item\'s ledger: stock changes and inspections, newest first', params: idParam, querystring: z.object(pageQuery), response: { 200: itemEventPage } } },
    async (req) => listItemEvents({ ctx, actor: actorOf(req), itemId: req.params.id, query: req.query }));

  app.post('/api/stations/:id/checkouts', { config: perm('stations:checkout'), schema: { tags, summary: '领用: take units (never more than on hand, decided by the database); 409 STATION_STOCK_INSUFFICIENT otherwise', params: idParam, body: createCheckoutBody, response: { 201: checkoutDto } } },
    async (req, reply) => reply.code(201).send(await checkOutItem({ ctx, actor: actorOf(req), stationId: req.params.id, input: req.body })));

  app.get('/api/stations/:id/checkouts', { config: perm('stations:read'), schema: { tags, summary: 'Check-outs: out, overdue, returned, used up or all; one item\'s; mine', params: idParam, querystring: checkoutListQuery, response: { 200: checkoutPage } } },
    async (req) => listCheckouts({ ctx, actor: actorOf(req), stationId: req.params.id, query: req.query }));

  app.post('/api/checkouts/:id/return', { config: perm('stations:checkout'), schema: { tags, summary: '归还: bring back units (default all still out) and report lost ones', params: idParam, body: returnBody, response: { 200: checkoutDto } } },
    async (req) => returnCheckout({ ctx, actor: actorOf(req), checkoutId: req.params.id, input: req.body }));
}
