import { describe, expect, it } from 'vitest';
import { OverviewCache } from './dashboard.cache.js';

describe('OverviewCache', () => {
  it('shares one computation among concurrent callers of a key and keeps it for its TTL', async () => {
    const cache = new OverviewCache<number>(60);
    let runs = 0;
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));
    const answers = await Promise.all(Array.from({ length: 64 }, () => cache.get('city|1', compute)));
    expect(new Set(answers)).toEqual(new Set([1]));
    expect(await cache.get('city|1', compute)).toBe(1);
    expect(await cache.get('city|2', compute)).toBe(2);
    expect(runs).toBe(2);
  });

  it('computes every time with a TTL of 0, and does not keep a failure', async () => {
    const off = new OverviewCache<number>(0);
    let n = 0;
    await off.get('k', async () => ++n);
    await off.get('k', async () => ++n);
    expect(n).toBe(2);
    const cache = new OverviewCache<number>(60);
    await expect(cache.get('k', async () => { throw new Error('database gone'); })).rejects.toThrow('database gone');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });
});
