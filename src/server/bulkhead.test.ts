import { describe, expect, it } from 'vitest';
import { bulkhead } from './bulkhead.js';

describe('bulkhead', () => {
  it('runs at most `limit` at once, in arrival order, and frees the slot after a failure', async () => {
    const run = bulkhead(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const job = (i: number, fail = false) => run(async () => {
      started.push(i);
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      if (fail) throw new Error(`job ${i}`);
      return i;
    });
    const results = await Promise.allSettled([job(1), job(2, true), job(3), job(4), job(5)]);
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(await run(async () => 'after')).toBe('after');
  });
});
