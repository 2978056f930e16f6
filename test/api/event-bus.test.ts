import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PostgresEventBus, type LiveEvent } from '../../src/server/events.js';
import { openTestDatabase } from '../db.js';
import type { Database } from '../../src/db/client.js';

/*
 * The PostgreSQL bus batches what a process publishes in one turn of the event loop into as few
 * NOTIFY payloads as fit (each under 8000 bytes): every other process must still get every event,
 * once and in order, and the publishing process its own at once and never twice.
 */
const onPostgres = !!process.env.DATABASE_URL;

describe.skipIf(!onPostgres)('PostgresEventBus (PostgreSQL)', () => {
  let database: Database;
  let a: PostgresEventBus;
  let b: PostgresEventBus;
  beforeAll(async () => {
    database = await openTestDatabase();
    a = new PostgresEventBus(database.pool!);
    b = new PostgresEventBus(database.pool!);
    await Promise.all([a.start(), b.start()]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.close();
  });

  const event = (n: number, filler = ''): LiveEvent => ({ topic: 'test.event', accountIds: [n], payload: { n, filler } });

  it('delivers a burst to the other process once each, in order, split across payloads, and to its own once', async () => {
    const onA: number[] = [];
    const onB: number[] = [];
    const offA = a.subscribe((e) => onA.push(e.payload.n as number));
    const offB = b.subscribe((e) => onB.push(e.payload.n as number));
    // 300 events of ~200 bytes: ~60 KB, so at least eight NOTIFY payloads of one statement.
    const sent = Array.from({ length: 300 }, (_, i) => i);
    await Promise.all(sent.map((n) => a.publish(event(n, '物'.repeat(60)))));
    expect(onA).toEqual(sent);
    await vi.waitFor(() => expect(onB).toHaveLength(sent.length), { timeout: 5000 });
    expect(onB).toEqual(sent);
    // Nothing comes back to the publisher through its own NOTIFY.
    await new Promise((r) => setTimeout(r, 200));
    expect(onA).toHaveLength(sent.length);
    offA();
    offB();
  });

  it('refuses an event too large for one NOTIFY without holding back the others', async () => {
    const onB: number[] = [];
    const off = b.subscribe((e) => onB.push(e.payload.n as number));
    const results = await Promise.allSettled([a.publish(event(1)), a.publish(event(2, 'x'.repeat(9000))), a.publish(event(3))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await vi.waitFor(() => expect(onB).toEqual([1, 3]), { timeout: 5000 });
    off();
  });
});
