/**
 * A command centre's big screens and a street office's workbench ask for the same node's
 * overview over and over (each refresh, each live event), and one overview reads every module's
 * figures: ~200 ms of database and CPU time on a 1 M-request city. Each process keeps an overview
 * for a few seconds (DASHBOARD_CACHE_SECONDS, 5 by default) per account and query — per account,
 * because the breadcrumb and the stations' readiness follow the viewer's grants — and concurrent
 * misses of one key share a single computation, so a burst of 64 screens costs one read. The
 * overview carries `generatedAt`, so a screen shows how fresh it is.
 */
export class OverviewCache<T> {
  private entries = new Map<string, { value: Promise<T>; until: number }>();

  constructor(readonly ttlSeconds: number, private maxEntries = 2000) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlSeconds <= 0) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= this.maxEntries) {
      for (const [k, v] of this.entries) if (v.until <= now) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    const value = compute();
    this.entries.set(key, { value, until: now + this.ttlSeconds * 1000 });
    // A failed computation is not kept: the next caller tries again.
    value.catch(() => { if (this.entries.get(key)?.value === value) this.entries.delete(key); });
    return value;
  }
}
