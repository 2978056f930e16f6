import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { cityOptions } from './city/options.js';
import { seedCity } from './city/seed.js';

/**
 * npm run seed:city -- --households 300000 --requests 1000000 [--years 2] [--seed 42]
 *   [--communities 600] [--compounds 3000] [--city-code benchcity] [--end YYYY-MM-DD]
 * Fills DATABASE_URL (or PGlite under DATA_DIR when unset) with one synthetic city.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      households: { type: 'string' }, requests: { type: 'string' }, years: { type: 'string' }, seed: { type: 'string' },
      communities: { type: 'string' }, compounds: { type: 'string' }, companies: { type: 'string' },
      'city-code': { type: 'string' }, end: { type: 'string' },
    },
  });
  const opts = cityOptions(values);
  const databaseUrl = process.env.DATABASE_URL;
  const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? undefined : process.env.DATA_DIR ?? './data', poolSize: 4 });
  try {
    await migrateDatabase(database);
    const where = databaseUrl ? databaseUrl.replace(/\/\/[^@]*@/, '//') : `PGlite in ${process.env.DATA_DIR ?? './data'}`;
    process.stdout.write(`seeding ${opts.cityCode}: ${opts.households} households, ${opts.requests} requests over ${opts.years} years, seed ${opts.seed}, into ${where}\n`);
    const result = await seedCity(database, opts, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`done in ${result.seconds.toFixed(1)} s: ${JSON.stringify(result.counts)}\n`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  process.stderr.write(`seed:city failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
