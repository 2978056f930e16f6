import type { EventBus, LiveEvent } from '../server/events.js';

/**
 * A per-process cache for reads that many callers repeat (a command centre's big screens, a
 * department's figures, a city's systems polling): entries live for `ttlSeconds`, concurrent
 * misses of one key share a single computation (a burst of 64 costs one read), and a failed
 * computation is not kept.
 *
 * An entry may carry a tag (say `city:7`). `invalidate(tag)` retires every entry of the tag at
 * once — also one still being computed, which then answers its own callers but is not served
 * again — so a cache fed by the live events drops a figure as soon as a write it depends on is
 * announced, and the TTL is only the bound for a write whose announcement got lost.
 */
export class ReadCache<T> {
  private entries = new Map<string, { value: Promise<T>; until: number; tag?: string; generation: number }>();
  private generations = new Map<string, number>();

  constructor(readonly ttlSeconds: number, private maxEntries = 2000) {}

  get(key: string, compute: () => Promise<T>, tag?: string): Promise<T> {
    if (this.ttlSeconds <= 0) return compute();
    const now = Date.now();
    const generation = tag === undefined ? 0 : this.generations.get(tag) ?? 0;
    const hit = this.entries.get(key);
    if (hit && hit.until > now && hit.tag === tag && hit.generation === generation) return hit.value;
    if (this.entries.size >= this.maxEntries) {
      for (const [k, v] of this.entries) if (v.until <= now) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    const value = compute();
    this.entries.set(key, { value, until: now + this.ttlSeconds * 1000, tag, generation });
    value.catch(() => { if (this.entries.get(key)?.value === value) this.entries.delete(key); });
    return value;
  }

  /** No entry kept so far is served again (one still in flight answers its own callers only). */
  clear(): void {
    this.entries.clear();
  }

  /** Every entry tagged `tag`, kept or in flight, is no longer served. */
  invalidate(tag: string): void {
    this.generations.set(tag, (this.generations.get(tag) ?? 0) + 1);
  }
}

/**
 * Feeds caches from the live events: each event `tagOf` names a tag for retires that tag in every
 * cache given. Returns the unsubscribe, for the app's onClose.
 */
export function retireOnEvents(events: EventBus, tagOf: (event: LiveEvent) => string | undefined, ...caches: { invalidate(tag: string): void }[]): () => void {
  return events.subscribe((event) => {
    const tag = tagOf(event);
    if (tag !== undefined) for (const cache of caches) cache.invalidate(tag);
  });
}
