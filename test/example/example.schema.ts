import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../src/db/columns.js';

/** The example module's one table: a note per community, with a state the job moves. */
export const exampleNotes = pgTable('example_notes', {
  id: id(),
  communityId: ref('community_id').notNull(),
  body: text('body').notNull(),
  state: text('state').notNull().default('new'),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
});

/** What the table looks like in SQL: the test creates it (an example module has no migration). */
export const exampleNotesDdl = `create table if not exists example_notes (
  id bigint primary key generated always as identity, community_id bigint not null, body text not null,
  state text not null default 'new', version integer not null default 1, created_at timestamptz not null default now())`;
