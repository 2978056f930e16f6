/**
 * A voting evening, measured: every owner of the seeded 2,000-unit compound (seed:city's
 * 锦绣家园) casts a ballot on one open vote at once — `concurrency` transactions in flight on the
 * pool, each the same castBallot the API runs — then the committee closes the vote (the tally)
 * and the export is re-verified. Prints ballots per second, latency percentiles and the tally time.
 *
 *   DATABASE_URL=postgres://…/gongzhi_bench npx tsx src/modules/votes/votes.evening.ts [--concurrency 32]
 *
 * Run it on a database `npm run seed:city` (or `npm run bench`) filled: the committee of the
 * seeded compound drafts and opens a new vote each run (the electorate fixed from the register,
 * timed), so it can run again and again.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client.js';
import { verifyEnvelope } from '../../../scripts/verify-export.mjs';
import '../index.js';
import { loadActor } from '../accounts/accounts.service.js';
import { systemClock } from '../../server/clock.js';
import { castBallot, closeVote, createVote, openVote } from './votes.service.js';
import { exportVote, getTally } from './votes.read.js';
import type { AppContext } from '../../server/context.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '32' }, 'pool-size': { type: 'string', default: '32' } } });
  const concurrency = Number(values.concurrency);
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATABASE_URL ? undefined : process.env.DATA_DIR ?? './data', poolSize: Number(values['pool-size']) });
  try {
    const [bench] = await queryRows<{ compound_id: number; committee: number }>(database.db, sql`
      select compound_id, created_by_account_id as committee from votes where title like '%（全市压力测试）' order by id limit 1`);
    if (!bench) throw new Error('no seeded voting evening here: run npm run seed:city (300,000 households) first');
    const committee = (await loadActor(database.db, Number(bench.committee)))!;
    const now = new Date();
    let t0 = performance.now();
    const voteId = await createVote({ db: database.db, actor: committee, now, input: {
      compoundId: Number(bench.compound_id), title: `关于小区停车收费标准的表决（全市压力测试 ${now.toISOString()}）`, endsAt: new Date(now.getTime() + 7 * 86_400_000),
      matters: [{ title: '同意按新标准收取地面停车费', class: 'ordinary' }],
    } });
    await openVote({ db: database.db, actor: committee, voteId, now });
    process.stdout.write(`open (the electorate fixed from the register, chained): ${(performance.now() - t0).toFixed(1)} ms\n`);
    const [matterRow] = await queryRows<{ id: number }>(database.db, sql`select id from vote_matters where vote_id = ${voteId}`);
    const vote = { id: voteId, matter_id: Number(matterRow!.id) };
    const owners = await queryRows<{ account_id: number }>(database.db, sql`
      select distinct on (a.person_id) a.id as account_id from vote_voters v join accounts a on a.person_id = v.person_id
      where v.vote_id = ${vote.id} and v.holder = 'owner' order by a.person_id, a.id`);
    const actors = await Promise.all(owners.map((o) => loadActor(database.db, Number(o.account_id))));
    const ctx = { db: database.db, clock: systemClock } as unknown as AppContext;
    const matter = String(vote.matter_id);
    process.stdout.write(`vote ${vote.id}: ${actors.length} owners casting at once (${concurrency} in flight)\n`);
    const latencies: number[] = [];
    let next = 0;
    let refused = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < actors.length; i = next++) {
        const t0 = performance.now();
        try {
          await castBallot({ ctx, actor: actors[i]!, input: { voteId: Number(vote.id), answers: { [matter]: i % 9 === 0 ? 'oppose' : 'agree' } } });
        } catch {
          refused++;
        }
        latencies.push(performance.now() - t0);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!.toFixed(1);
    process.stdout.write(`ballots: ${actors.length - refused} in ${seconds.toFixed(2)} s = ${((actors.length - refused) / seconds).toFixed(0)} ballots/s; latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms; refused ${refused}\n`);
    t0 = performance.now();
    const tally = await getTally(ctx, committee, Number(vote.id));
    process.stdout.write(`live tally with the canvassing view (${tally.byBuilding?.length ?? 0} buildings): ${(performance.now() - t0).toFixed(1)} ms\n`);
    t0 = performance.now();
    await closeVote({ db: database.db, actor: committee, voteId: Number(vote.id), now: new Date() });
    process.stdout.write(`close (the tally of ${tally.totalHeads} heads, ${tally.ballots} ballots, stored and chained): ${(performance.now() - t0).toFixed(1)} ms\n`);
    t0 = performance.now();
    const envelope = await exportVote(ctx, committee, Number(vote.id));
    const exported = performance.now() - t0;
    t0 = performance.now();
    const verdict = verifyEnvelope(JSON.parse(JSON.stringify(envelope)));
    process.stdout.write(`export ${envelope.entries.length} entries in ${exported.toFixed(1)} ms; verify-export: ${verdict.line} in ${(performance.now() - t0).toFixed(1)} ms\n`);
    if (!verdict.ok) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
