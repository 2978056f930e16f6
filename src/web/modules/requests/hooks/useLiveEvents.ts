import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

/** Topics of GET /api/events/stream. */
export type LiveTopic = 'request.created' | 'request.updated' | 'notification.created';

/** The `data:` of an event: ids and a small summary (src/modules/requests/requests.live.ts). */
export interface LiveEventData {
  requestId?: number;
  communityId?: number;
  compoundId?: number;
  state?: string;
  categoryId?: number;
  /** request.created: what the pop-up shows (the description is cut to 60 characters, without names or phones). */
  categoryName?: string;
  compoundName?: string | null;
  description?: string;
  priority?: 'normal' | 'urgent';
  notificationId?: number;
  title?: string;
  link?: string | null;
  [key: string]: unknown;
}

type Listener = (topic: LiveTopic, data: LiveEventData) => void;
export type LiveStatus = 'connecting' | 'open' | 'retrying';

const topics: LiveTopic[] = ['request.created', 'request.updated', 'notification.created'];
const STREAM = '/api/events/stream';

/**
 * One EventSource per tab, shared by every component that listens (the queue and the bell do
 * not open two streams). It opens with the first listener and closes with the last. The browser
 * reconnects by itself after a dropped connection; when it gives up (the server answered an
 * error, e.g. after a restart) we open a new one with a growing back-off, capped at 30 s.
 */
const live = {
  source: null as EventSource | null,
  listeners: new Set<Listener>(),
  statusListeners: new Set<() => void>(),
  status: 'connecting' as LiveStatus,
  retryTimer: undefined as ReturnType<typeof setTimeout> | undefined,
  attempts: 0,

  setStatus(next: LiveStatus) {
    if (this.status === next) return;
    this.status = next;
    this.statusListeners.forEach((l) => l());
  },

  open() {
    if (this.source || typeof EventSource === 'undefined') return;
    const source = new EventSource(STREAM, { withCredentials: true });
    this.source = source;
    this.setStatus('connecting');
    source.onopen = () => {
      this.attempts = 0;
      this.setStatus('open');
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        this.source = null;
        this.scheduleRetry();
      } else {
        this.setStatus('retrying');
      }
    };
    for (const topic of topics) {
      source.addEventListener(topic, (e) => {
        let data: LiveEventData = {};
        try {
          data = JSON.parse((e as MessageEvent<string>).data) as LiveEventData;
        } catch {
          /* an event without a JSON body still tells us something changed */
        }
        this.listeners.forEach((l) => l(topic, data));
      });
    }
  },

  scheduleRetry() {
    this.setStatus('retrying');
    if (this.retryTimer || this.listeners.size === 0) return;
    const delay = Math.min(30_000, 1000 * 2 ** this.attempts++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.listeners.size > 0) this.open();
    }, delay);
  },

  close() {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = null;
    this.attempts = 0;
  },

  add(listener: Listener) {
    this.listeners.add(listener);
    this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  },
};

/**
 * Calls `onEvent` for each live event of the given topics while the component is mounted.
 * The callback may change between renders without reconnecting.
 */
export function useLiveEvents(wanted: LiveTopic[], onEvent: (topic: LiveTopic, data: LiveEventData) => void, enabled = true): LiveStatus {
  const callback = useRef(onEvent);
  useEffect(() => {
    callback.current = onEvent;
  });
  const key = wanted.join(',');
  useEffect(() => {
    if (!enabled) return;
    const set = new Set(key.split(','));
    return live.add((topic, data) => {
      if (set.has(topic)) callback.current(topic, data);
    });
  }, [key, enabled]);
  return useSyncExternalStore(
    (notify) => {
      live.statusListeners.add(notify);
      return () => live.statusListeners.delete(notify);
    },
    () => live.status,
  );
}

/** The current time, refreshed every `ms` (SLA countdowns). */
export function useNow(ms = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
