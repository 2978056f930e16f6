import { migrateDatabase, openDatabase } from '../db/client.js';
import { loadDemo } from '../db/demo/seed.js';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';

/** `npm start`: open (and migrate) the database, load the demo if asked, serve on PORT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
  await migrateDatabase(database);
  let demo: Awaited<ReturnType<typeof loadDemo>> | undefined;
  if (config.loadDemo) demo = await loadDemo(database.db, systemClock, { passwordCost: config.passwordCost });

  const app = await buildApp({
    config,
    database,
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'] },
  });
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  共治 Gongzhi is running at ${url}`,
    `  database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  API docs: ${url}/api/docs`,
  ];
  if (demo) {
    lines.push(demo.loaded ? '  demo city loaded. Demo accounts (password gongzhi-demo):' : '  demo city already present. Demo accounts (password gongzhi-demo):');
    for (const a of demo.accounts) lines.push(`    ${a.username.padEnd(12)} ${a.description}`);
    lines.push('  Open311: api_key demo-open311-key (鼎立社区)');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Gongzhi failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
