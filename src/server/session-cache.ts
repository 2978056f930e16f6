import type { SessionContext } from '../modules/accounts/accounts.service.js';
import type { EventBus } from './events.js';

/*
 * The session → actor lookup runs before every authenticated request; this per-process cache
 * answers it for a few seconds without a database round trip. A logout, a disabled account or
 * changed roles are announced on the event bus (LISTEN/NOTIFY across processes) and drop the
 * entries at once; whatever is not announced (a row edited by hand) is stale for at most the
 * entry's few seconds. Expiry and the idle timeout are still checked on every hit.
 */
export const SESSION_ENDED_TOPIC = 'kernel.session.ended';
export const ACCOUNT_CHANGED_TOPIC = 'kernel.account.changed';

interface Entry {
  session: SessionContext;
  expiresAt: Date;
  lastSeenAt: Date;
  /** Wall-clock ms after which the entry is looked up again. */
  freshUntil: number;
}

export class SessionCache {
  private entries = new Map<string, Entry>();
  private unsubscribe: () => void;

  constructor(private events: EventBus, private ttlMs = 5_000, private maxEntries = 50_000) {
    this.unsubscribe = events.subscribe((e) => {
      if (e.topic === SESSION_ENDED_TOPIC && typeof e.payload.sessionId === 'string') this.entries.delete(e.payload.sessionId);
      if (e.topic === ACCOUNT_CHANGED_TOPIC && typeof e.payload.accountId === 'number') this.dropAccount(e.payload.accountId);
    });
  }

  /** A fresh, still valid entry, or undefined (then the caller asks the database). */
  get(sessionId: string, now: Date, idleMinutes: number): Entry | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    const idle = now.getTime() - entry.lastSeenAt.getTime() > idleMinutes * 60_000;
    if (entry.freshUntil < Date.now() || entry.expiresAt <= now || idle) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry;
  }

  set(session: SessionContext, expiresAt: Date, lastSeenAt: Date): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(session.sessionId, { session, expiresAt, lastSeenAt, freshUntil: Date.now() + this.ttlMs });
  }

  /** The session was used again: its last-seen time, as written to the database. */
  touch(sessionId: string, at: Date): void {
    const entry = this.entries.get(sessionId);
    if (entry) entry.lastSeenAt = at;
  }

  drop(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  dropAccount(accountId: number): void {
    for (const [id, entry] of this.entries) if (entry.session.actor.accountId === accountId) this.entries.delete(id);
  }

  close(): void {
    this.unsubscribe();
    this.entries.clear();
  }
}

/** Tells every process that a session ended (after the logout's write). */
export async function announceSessionEnded(events: EventBus, sessionId: string): Promise<void> {
  await events.publish({ topic: SESSION_ENDED_TOPIC, payload: { sessionId } }).catch(() => undefined);
}

/** Tells every process that an account's roles or status changed (grants given or taken, disabled). */
export async function announceAccountChanged(events: EventBus, accountId: number): Promise<void> {
  await events.publish({ topic: ACCOUNT_CHANGED_TOPIC, payload: { accountId } }).catch(() => undefined);
}
