-- The fees figures no longer keep a building dimension (family `fees`): a compound's page counts
-- its buildings from its bills, and every other reader uses `fees.rate`. Its cells, days and
-- pending deltas are dropped; `fees.rate` holds the same counters without the building.
DELETE FROM "figures_deltas" WHERE "family" = 'fees';--> statement-breakpoint
DELETE FROM "figures_days" WHERE "family" = 'fees';--> statement-breakpoint
DELETE FROM "figures_cells" WHERE "family" = 'fees';
