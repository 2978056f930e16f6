import type { FastifyBaseLogger } from 'fastify';

/** An outside channel for notifications (SMS, WeChat template messages). */
export interface NotificationChannel {
  name: string;
  send(message: { accountId: number; title: string; body?: string | null; link?: string | null }): Promise<void>;
}

/** Logs instead of sending: the default until a real SMS/WeChat gateway is configured. */
export class LogChannel implements NotificationChannel {
  constructor(public name: string, private log: FastifyBaseLogger) {}
  async send(message: { accountId: number; title: string; body?: string | null; link?: string | null }): Promise<void> {
    this.log.info({ channel: this.name, ...message }, 'notification (log-only channel)');
  }
}
