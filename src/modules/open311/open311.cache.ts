/**
 * Open311 GET answers are public and the same for every caller, and a city's other systems poll
 * them: each process keeps the rendered body of a request search for a few seconds
 * (OPEN311_CACHE_SECONDS, 10 by default), so a thousand polls a second cost one search. A new
 * request shows up at the latest that many seconds later — what `Cache-Control: max-age` also
 * tells the client.
 */
export class Open311Cache {
  private entries = new Map<string, { body: string; until: number }>();

  constructor(readonly ttlSeconds: number, private maxEntries = 1000) {}

  /** The cached body, or the one `render` makes (then kept). With a TTL of 0 nothing is kept. */
  async body(key: string, render: () => Promise<string>): Promise<string> {
    if (this.ttlSeconds <= 0) return render();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.body;
    const body = await render();
    if (this.entries.size >= this.maxEntries) {
      for (const [k, v] of this.entries) if (v.until <= now) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    this.entries.set(key, { body, until: now + this.ttlSeconds * 1000 });
    return body;
  }
}
