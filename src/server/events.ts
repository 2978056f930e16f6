import { EventEmitter } from 'node:events';
import type pg from 'pg';

/**
 * Live events (new request, state change, notification) for SSE streams. On PostgreSQL they go
 * through LISTEN/NOTIFY so every app process behind the load balancer sees every event; on the
 * embedded PGlite there is one process, and an in-process emitter is enough.
 */
export interface LiveEvent {
  topic: string;
  communityId?: number;
  companyId?: number | null;
  organisationId?: number | null;
  accountIds?: number[];
  payload: Record<string, unknown>;
}

export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  subscribe(handler: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'gongzhi_live';

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

export class PostgresEventBus implements EventBus {
  private local = new InProcessEventBus();
  private listener?: pg.PoolClient;
  constructor(private pool: pg.Pool) {}

  async start(): Promise<void> {
    this.listener = await this.pool.connect();
    this.listener.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        void this.local.publish(JSON.parse(msg.payload) as LiveEvent);
      } catch {
        /* a malformed payload is dropped: it cannot come from this app */
      }
    });
    await this.listener.query(`LISTEN ${CHANNEL}`);
  }
  async publish(event: LiveEvent): Promise<void> {
    // NOTIFY payloads are limited to 8000 bytes; events carry ids and small summaries only.
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
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
