import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { accounts } from '../accounts/accounts.schema.js';
import { communities } from '../places/places.schema.js';

/** In-app notifications; outside channels (SMS, WeChat) go through the channel seam. */
export const notifications = pgTable('notifications', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  accountId: ref('account_id').notNull().references(() => accounts.id),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body'),
  link: text('link'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [index('notifications_account_idx').on(t.accountId, t.createdAt.desc())]);
