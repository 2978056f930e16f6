import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../src/db/client.js';
import { openTestDatabase } from '../db.js';

/*
 * The scale-out plan distributes a city by community (Citus-style co-location): every
 * tenant-owned table must carry a NOT NULL community_id. Tables that are not tenant-owned are
 * listed here with the reason; a new table that is neither fails this test.
 */
const notTenantOwned: Record<string, string> = {
  cities: 'reference: the deployment\'s cities',
  districts: 'reference: places above the tenant',
  streets: 'reference: places above the tenant',
  communities: 'the tenant itself: its id is the distribution key',
  property_companies: 'a company serves many communities: owner of company-keyed rows',
  organisations: 'reference: city-level bodies (department, local units) and community bodies with community_id',
  people: 'reference: a person may belong to several communities; membership rows carry community_id',
  accounts: 'global: login identity',
  role_grants: 'global: small, read on every request',
  sessions: 'global: keyed by token hash',
  login_throttle: 'global: keyed by account name / IP',
  request_categories: 'reference: per-city configuration',
  classification_rules: 'reference: per-city configuration',
  open311_api_keys: 'reference: per-organisation credentials',
  figures_area_counts: 'derived: roll-ups above the tenant (street/district/city), rebuilt from community rows',
  figures_area_durations: 'derived: roll-ups above the tenant (street/district/city), rebuilt from community rows',
  figures_cells: 'derived: kernel figures summed per area (compound … city), rebuilt from the modules\' recounts',
  figures_days: 'derived: kernel daily figures per area, rebuilt from the modules\' recounts',
  kernel_jobs: 'global: one row per background job (lease and last run)',
  idempotency_records: 'global: keyed by the caller (account or API key), like sessions',
  app_secrets: 'global: deployment-wide secrets (src/kernel/secrets.ts), owned by no tenant',
  rate_limit_counters: 'global: write counters keyed by account, IP or API key, dropped after an hour',
  rating_rubrics: 'reference: per-city star-rating rubric versions',
  rating_cycles: 'reference: per-city yearly star-rating cycles',
  dashboard_reports: 'derived: monthly report files of areas (city … community), keyed by level and area; read scoped by the area',
};

/** Tables owned by a company rather than a community carry company_id. */
const companyOwned = new Set<string>(['ratings', 'rating_lowerings', 'rating_events']);

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('tenancy keys in the schema', () => {
  it('every tenant-owned table carries a NOT NULL community_id (or company_id)', async () => {
    const columns = await queryRows<{ table_name: string; column_name: string; is_nullable: string }>(database.db, sql`
      select c.table_name, c.column_name, c.is_nullable
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`);
    const tables = new Map<string, Map<string, boolean>>();
    for (const c of columns) {
      const cols = tables.get(c.table_name) ?? new Map<string, boolean>();
      cols.set(c.column_name, c.is_nullable === 'NO');
      tables.set(c.table_name, cols);
    }
    expect(tables.size).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const [table, cols] of tables) {
      if (table in notTenantOwned) continue;
      const key = companyOwned.has(table) ? 'company_id' : 'community_id';
      if (cols.get(key) !== true) offenders.push(`${table} (needs NOT NULL ${key})`);
    }
    expect(offenders).toEqual([]);
  });
});
