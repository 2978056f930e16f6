// Every module's tables, gathered for Drizzle (queries and migrations).
export * from '../modules/places/places.schema.js';
export * from '../modules/accounts/accounts.schema.js';
export * from '../modules/requests/requests.schema.js';
export * from '../modules/notifications/notifications.schema.js';
export * from '../modules/open311/open311.schema.js';
export * from '../modules/figures/figures.schema.js';
