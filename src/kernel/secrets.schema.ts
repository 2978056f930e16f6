import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.js';

/**
 * Secrets the app makes for itself (e.g. the HMAC key of QR tokens), one row per name, shared
 * by every process on the database. Deployment-wide: no tenant owns them.
 */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});
