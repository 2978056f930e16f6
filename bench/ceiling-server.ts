import Fastify from 'fastify';

/**
 * The framework ceiling: a bare Fastify process answering a constant JSON body, no plugins,
 * no logging, no database — the most any route of the real server could do on this machine.
 * `PORT=… tsx bench/ceiling-server.ts`
 */
const app = Fastify({ logger: false });
const body = { status: 'ok', items: [{ id: 1, state: 'submitted', description: '暖气不热' }], total: 1 };
app.get('/ceiling', async () => body);
await app.listen({ port: Number(process.env.PORT ?? 3901), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
