import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { idParam, line } from '../../src/kernel/dto.js';
import { publishLive } from '../../src/kernel/live.js';
import { defineModule } from '../../src/kernel/module.js';
import { defineStateMachine, moveState } from '../../src/kernel/workflow.js';
import { requireAccess } from '../../src/modules/access/access.service.js';
import { communityScope } from '../../src/modules/places/places.scope.js';
import { actorOf, type App } from '../../src/server/context.js';
import * as schema from './example.schema.js';
import { exampleNotes } from './example.schema.js';

/*
 * A tiny module that uses every part of the manifest — a table, permissions, routes, a job, a
 * live topic — and touches no file outside its folder. test/api/example-module.test.ts builds
 * the app with it appended to the module list and proves each part is wired.
 */
export const noteMachine = defineStateMachine({
  name: 'note',
  states: ['new', 'seen'],
  actions: ['see'],
  actorKinds: ['system'],
  transitions: { see: { new: { to: 'seen', by: ['system'] } } },
});

const noteDto = z.object({ id: z.number().int(), communityId: z.number().int(), body: z.string(), state: z.string() });

function registerExampleRoutes(app: App): void {
  app.post('/api/example/communities/:id/notes', {
    config: { access: { permission: 'example:write' } },
    schema: { tags: ['example'], summary: 'Add a note to a community', params: idParam, body: z.strictObject({ body: line({ min: 1, max: 100 }) }), response: { 201: noteDto } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    requireAccess(actor, 'example:write', await communityScope(app.ctx.db, req.params.id), 'Community');
    const [note] = await app.ctx.db.insert(exampleNotes).values({ communityId: req.params.id, body: req.body.body }).returning();
    await publishLive(app.ctx, { topic: 'example.note.created', scope: { communityId: note!.communityId }, payload: { noteId: note!.id } });
    return reply.code(201).send(note!);
  });
  app.get('/api/example/notes/:id', {
    config: { access: { permission: 'example:read' } },
    schema: { tags: ['example'], summary: 'One note', params: idParam, response: { 200: noteDto } },
  }, async (req) => {
    const [note] = await app.ctx.db.select().from(exampleNotes).where(eq(exampleNotes.id, req.params.id));
    requireAccess(actorOf(req), 'example:read', note ? { communityId: note.communityId } : null, 'Note');
    return note!;
  });
}

export const exampleModule = defineModule({
  id: 'example',
  tables: schema,
  permissions: {
    'example:write': { description: 'Add notes', roles: ['community_staff'] },
    'example:read': { description: 'Read notes', roles: ['community_staff', 'dept_staff'] },
  },
  liveTopics: [{ topic: 'example.note.created', description: 'A note was added', permission: 'example:read' }],
  jobs: [{
    name: 'example.see-notes',
    description: 'Marks new notes seen',
    everySeconds: 1,
    run: async (ctx, now) => {
      const fresh = await ctx.db.select().from(exampleNotes).where(and(eq(exampleNotes.state, 'new')));
      for (const n of fresh) await moveState(ctx.db, exampleNotes, n, noteMachine.nextState('new', 'see', ['system']), { now, staleCode: noteMachine.staleCode });
    },
  }],
  routes: registerExampleRoutes,
});
