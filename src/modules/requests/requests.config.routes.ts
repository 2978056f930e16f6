import { z } from 'zod';
import { actorOf, type App } from '../../server/context.js';
import { listCategories } from './requests.categories.js';
import { filingContextCache } from './requests.file-context.js';
import { createCategory, createRule, deleteRule, listRules, updateCategory, updateRule } from './requests.config.js';
import { categoryDto, createCategoryBody, createRuleBody, idParam, ruleDto, updateCategoryBody, updateRuleBody } from './requests.dto.js';

/** Categories (with their SLA targets) and keyword rules, editable by staff holding requests:configure. */
export function registerRequestConfigRoutes(app: App): void {
  const { db } = app.ctx;
  const tags = ['requests'];
  const configure = { access: { permission: 'requests:configure' as const } };

  app.get('/api/request-categories', { config: { access: { loggedIn: true } }, schema: { tags, summary: 'Categories of the actor\'s city (active first, by sortOrder)', response: { 200: z.array(categoryDto) } } },
    async (req) => listCategories(db, actorOf(req).cityId));
  app.post('/api/request-categories', { config: configure, schema: { tags, summary: 'Add a category', body: createCategoryBody, response: { 201: categoryDto } } },
    async (req, reply) => {
      const row = await createCategory(db, actorOf(req), req.body);
      filingContextCache(app.ctx).clear();
      return reply.code(201).send(row);
    });
  app.patch('/api/request-categories/:id', { config: configure, schema: { tags, summary: 'Edit names, SLA minutes, business hours, active', params: idParam, body: updateCategoryBody, response: { 200: categoryDto } } },
    async (req) => {
      const row = await updateCategory(db, actorOf(req), req.params.id, req.body);
      // The filing context cache holds categories as filing last saw them.
      filingContextCache(app.ctx).clear();
      return row;
    });

  app.get('/api/classification-rules', { config: configure, schema: { tags, summary: 'Keyword rules of the actor\'s city', response: { 200: z.array(ruleDto) } } },
    async (req) => listRules(db, actorOf(req)));
  app.post('/api/classification-rules', { config: configure, schema: { tags, summary: 'Add a keyword rule', body: createRuleBody, response: { 201: ruleDto } } },
    async (req, reply) => reply.code(201).send(await createRule(db, actorOf(req), req.body)));
  app.patch('/api/classification-rules/:id', { config: configure, schema: { tags, summary: 'Edit a keyword rule', params: idParam, body: updateRuleBody, response: { 200: ruleDto } } },
    async (req) => updateRule(db, actorOf(req), req.params.id, req.body));
  app.delete('/api/classification-rules/:id', { config: configure, schema: { tags, summary: 'Delete a keyword rule', params: idParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteRule(db, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
}
