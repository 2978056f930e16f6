import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

/**
 * A topic of GET /api/events/stream, sent as the SSE event name: `request.created`,
 * `request.updated`, `notification.created`; modules add their own (`wish.updated`, `ballot.cast`…).
 */
export type LiveTopic = string;

/**
 * The `data:` of an event: ids and a small summary. The named fields are what the request and
 * notification topics carry (src/modules/requests/requests.live.ts); other topics bring their own
 * fields (type them with `useLiveEvents<MyData>`).
 */
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

const STREAM = '/api/events/stream';

/**
 * One EventSource per tab, shared by every component that listens (the queue and the bell do
 * not open two streams). It opens with the first listener and closes with the last. The browser
 * reconnects by itself after a dropped connection; when it gives up (the server answered an
 * error, e.g. after a restart) we open a new one with a growing back-off, capped at 30 s.
 * SSE delivers a named event only to a listener for that name, so the source listens to every
 * topic some component of this tab has asked for (a topic asked for later is added on the fly).
 */
const live = {
  source: null as EventSource | null,
  listeners: new Set<Listener>(),
  /** Every topic asked for in this tab; each new source listens to all of them. */
  topics: new Set<LiveTopic>(),
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
    for (const topic of this.topics) this.listen(source, topic);
  },

  listen(source: EventSource, topic: LiveTopic) {
    source.addEventListener(topic, (e) => {
      let data: LiveEventData = {};
      try {
        data = JSON.parse((e as MessageEvent<string>).data) as LiveEventData;
      } catch {
        /* an event without a JSON body still tells us something changed */
      }
      this.listeners.forEach((l) => l(topic, data));
    });
  },

  /** Makes sure the stream delivers these topics (on the open source and on every later one). */
  want(wanted: Iterable<LiveTopic>) {
    for (const topic of wanted) {
      if (this.topics.has(topic)) continue;
      this.topics.add(topic);
      if (this.source) this.listen(this.source, topic);
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
 * Calls `onEvent` for each live event of the given topics while the component is mounted, and
 * returns the stream's status. The callback may change between renders without reconnecting.
 */
export function useLiveEvents<D extends object = LiveEventData>(
  wanted: readonly LiveTopic[],
  onEvent: (topic: LiveTopic, data: D) => void,
  enabled = true,
): LiveStatus {
  const callback = useRef(onEvent);
  useEffect(() => {
    callback.current = onEvent;
  });
  const key = wanted.join(',');
  useEffect(() => {
    if (!enabled) return;
    const set = new Set(key.split(',').filter(Boolean));
    live.want(set);
    return live.add((topic, data) => {
      if (set.has(topic)) callback.current(topic, data as D);
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
