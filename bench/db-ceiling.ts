import pg from 'pg';
import { summarise, type LoadResult } from './lib/scenario.js';

/**
 * The database ceiling: the writes of one request filing (request row + 'submit' timeline row +
 * idempotency record, one transaction, the same statements the requests module issues) straight
 * through the pg driver, `connections` loops at once over a pool of `poolSize` — the server's
 * pool size — so the ratio filing/ceiling is what the HTTP stack and the service cost on top.
 * The ceiling is the plain transaction with no app triggers (`withoutTriggers`); the bench also
 * runs it with the triggers to show what they cost.
 * `tsx bench/db-ceiling.ts '<json>'` prints one LoadResult (requests = transactions).
 */
export interface DbCeilingInput {
  databaseUrl: string;
  connections: number;
  poolSize: number;
  duration: number;
  warmup: number;
  /** Where the rows go: a real household of the generated city. */
  place: { cityId: number; districtId: number; streetId: number; communityId: number; compoundId: number; householdId: number; personId: number; accountId: number };
  category: { id: number; respondMinutes: number; resolveMinutes: number };
  /** The same writes with the app's triggers off (session_replication_role = replica): the real ceiling. */
  withoutTriggers?: boolean;
}

const insertRequest = `insert into service_requests (community_id, city_id, district_id, street_id, compound_id, building_id, household_id,
  category_id, suggested_category_id, priority, description, location_kind, location_text, lat, lng, contact_time, source,
  reporter_person_id, reporter_account_id, reporter_name, reporter_phone, reporter_email, api_key_id, respond_due_at, resolve_due_at, created_at, updated_at)
  values ($1, $2, $3, $4, $5, null, $6, $7, null, 'normal', $8, 'own_unit', null, null, null, null, 'app', $9, $10, '王秀英', '13800000000', null, null,
  now() + make_interval(mins => $11), now() + make_interval(mins => $12), now(), now()) returning *`;
const insertEvent = `insert into request_events (community_id, request_id, at, actor_account_id, actor_role, action, from_state, to_state, note, attachment_ids, data)
  values ($1, $2, now(), $3, 'resident', 'submit', null, 'submitted', null, '[]', $4)`;
const insertKey = `insert into idempotency_records (caller, operation, key, request_hash, result, created_at)
  values ($1, 'requests.file', $2, $3, $4, now()) on conflict do nothing returning id`;

async function fileOnce(pool: pg.Pool, input: DbCeilingInput, key: string): Promise<void> {
  const { place: p, category: c } = input;
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ id: string }>(insertRequest, [p.communityId, p.cityId, p.districtId, p.streetId, p.compoundId, p.householdId,
      c.id, '家里暖气片冰凉，室内只有十几度（数据库上限测量）', p.personId, p.accountId, c.respondMinutes, c.resolveMinutes]);
    const id = rows[0]!.id;
    await client.query(insertEvent, [p.communityId, id, p.accountId, JSON.stringify({ source: 'app', categoryId: c.id, priority: 'normal' })]);
    await client.query(insertKey, [`account:${p.accountId}`, key, 'db-ceiling', JSON.stringify({ requestId: Number(id) })]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function measure(pool: pg.Pool, input: DbCeilingInput, seconds: number, phase: string): Promise<LoadResult> {
  const samples: number[] = [];
  let errors = 0;
  let n = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  const loop = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        await fileOnce(pool, input, `db-ceiling-${process.pid}-${phase}-${++n}`);
        samples.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: input.connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  return {
    name: 'database ceiling', requests: samples.length, seconds: Math.round(elapsed * 10) / 10,
    rps: Math.round((samples.length / elapsed) * 10) / 10, latencyMs: summarise(samples),
    non2xx: 0, errors, timeouts: 0, statuses: {},
  };
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '') as DbCeilingInput;
  const pool = new pg.Pool({ connectionString: input.databaseUrl, max: input.poolSize, ...(input.withoutTriggers ? { options: '-c session_replication_role=replica' } : {}) });
  try {
    if (input.warmup > 0) await measure(pool, input, input.warmup, 'warmup');
    process.stdout.write(`${JSON.stringify(await measure(pool, input, input.duration, 'run'))}\n`);
  } finally {
    await pool.end();
  }
}

main().catch((err) => {
  process.stderr.write(`db-ceiling failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
