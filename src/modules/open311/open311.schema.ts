import { pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { accounts } from '../accounts/accounts.schema.js';
import { cities, communities, organisations } from '../places/places.schema.js';

/** Open311 api_key issued to an organisation; requests it posts land in its community (or city). */
export const open311ApiKeys = pgTable('open311_api_keys', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  organisationId: ref('organisation_id').notNull().references(() => organisations.id),
  communityId: ref('community_id').references(() => communities.id),
  label: text('label').notNull(),
  keyHash: text('key_hash').notNull(),
  keyPrefix: text('key_prefix').notNull(),
  createdBy: ref('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [uniqueIndex('open311_api_keys_hash_uq').on(t.keyHash)]);
