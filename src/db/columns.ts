import { bigint, timestamp } from 'drizzle-orm/pg-core';

/** Surrogate primary key: bigint identity, exposed to JSON as a number. */
export const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();

/** A foreign key column holding another table's bigint id. */
export const ref = (name: string) => bigint(name, { mode: 'number' });

/** Creation time; the database stamps it unless a seed or clock supplies one. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
