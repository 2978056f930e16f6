import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { ResourceScope } from '../modules/access/access.policy.js';

/**
 * Live events (a new request, a state change, a notification, a ballot cast…) for the SSE
 * stream. On PostgreSQL they go through LISTEN/NOTIFY so every app process behind the load
 * balancer sees every event; on the embedded PGlite there is one process, and an in-process
 * emitter is enough. Who receives an event is decided by the topic's declaration in its
 * module's manifest (src/kernel/live.ts), never by the bus.
 */
export interface LiveEvent {
  /** A topic declared in some module's manifest (`request.updated`, `wish.claimed`…). */
  topic: string;
  /** Where the subject sits; the topic's permission is checked against it with can(). */
  scope?: ResourceScope & Record<string, unknown>;
  /** Accounts the event is addressed to: they receive it whatever the scope says. */
  accountIds?: number[];
  /** What the browser receives (ids and small summaries: a NOTIFY payload stays under 8000 bytes). */
  payload: Record<string, unknown>;
}

export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  subscribe(handler: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'gongzhi_live';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more (its default block size). */
const NOTIFY_PAYLOAD_MAX = 7900;

export class InProcessEventBus implements EventBus {
  private emitter = new EventEmitter().setMaxListeners(0);
  async publish(event: LiveEvent): Promise<void> {
    this.emitter.emit('event', event);
  }
  subscribe(handler: (event: LiveEvent) => void): () => void {
    this.emitter.on('event', handler);
    return () => this.emitter.off('event', handler);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * An event reaches this process's own subscribers at once, when it is published, and every other
 * process through NOTIFY; the process ignores its own NOTIFY when it comes back. So a read cache
 * fed by the events drops what a write changed before that write's answer is sent (a dispatcher
 * who claims a request and reloads the queue sees the claim), not a round trip later.
 */
export class PostgresEventBus implements EventBus {
  private local = new InProcessEventBus();
  private listener?: pg.PoolClient;
  private readonly origin = randomUUID();
  private pending: { text: string; bytes: number; resolve: () => void; reject: (err: unknown) => void }[] = [];
  constructor(private pool: pg.Pool) {}

  async start(): Promise<void> {
    this.listener = await this.pool.connect();
    this.listener.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const message = JSON.parse(msg.payload) as { origin?: string; events?: LiveEvent[] } & LiveEvent;
        if (message.origin === this.origin) return;
        // A batch; a single event is what a process of the previous release sends during a rolling deploy.
        const { origin: _origin, ...single } = message;
        for (const event of message.events ?? [single]) void this.local.publish(event);
      } catch {
        /* a malformed payload is dropped: it cannot come from this app */
      }
    });
    await this.listener.query(`LISTEN ${CHANNEL}`);
  }
  async publish(event: LiveEvent): Promise<void> {
    try {
      await this.local.publish(event);
    } catch {
      /* a failing subscriber must not keep the other processes from hearing of the write */
    }
    const text = JSON.stringify(event);
    const bytes = Buffer.byteLength(text);
    if (bytes > NOTIFY_PAYLOAD_MAX - 100) throw new Error(`live event ${event.topic} is too large for NOTIFY (${bytes} bytes)`);
    return new Promise((resolve, reject) => {
      this.pending.push({ text, bytes, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /**
   * Sends what was published since the last flush as few NOTIFY payloads as fit, in ONE
   * statement: under load a filing's own `select pg_notify` was one round trip of its few, and
   * each costs the server a socket write and a parse.
   */
  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    const payloads: string[] = [];
    let events: string[] = [];
    const head = `{"origin":${JSON.stringify(this.origin)},"events":[`;
    let size = head.length + 2;
    for (const { text, bytes } of batch) {
      if (events.length && size + bytes + 1 > NOTIFY_PAYLOAD_MAX) {
        payloads.push(`${head}${events.join(',')}]}`);
        [events, size] = [[], head.length + 2];
      }
      events.push(text);
      size += bytes + 1;
    }
    if (events.length) payloads.push(`${head}${events.join(',')}]}`);
    this.pool.query('select pg_notify($1, p) from unnest($2::text[]) as p', [CHANNEL, payloads]).then(
      () => batch.forEach((b) => b.resolve()),
      (err: unknown) => batch.forEach((b) => b.reject(err)),
    );
  }
  subscribe(handler: (event: LiveEvent) => void): () => void {
    return this.local.subscribe(handler);
  }
  async close(): Promise<void> {
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined);
      this.listener.release();
      this.listener = undefined;
    }
    await this.local.close();
  }
}
