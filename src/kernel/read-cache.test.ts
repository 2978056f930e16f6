import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.js';

describe('ReadCache', () => {
  it('shares one computation among concurrent callers of a key and keeps it for its TTL', async () => {
    const cache = new ReadCache<number>(60);
    let runs = 0;
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));
    const answers = await Promise.all(Array.from({ length: 64 }, () => cache.get('city|1', compute)));
    expect(new Set(answers)).toEqual(new Set([1]));
    expect(await cache.get('city|1', compute)).toBe(1);
    expect(await cache.get('city|2', compute)).toBe(2);
    expect(runs).toBe(2);
  });

  it('computes every time with a TTL of 0, and does not keep a failure', async () => {
    const off = new ReadCache<number>(0);
    let n = 0;
    await off.get('k', async () => ++n);
    await off.get('k', async () => ++n);
    expect(n).toBe(2);
    const cache = new ReadCache<number>(60);
    await expect(cache.get('k', async () => { throw new Error('database gone'); })).rejects.toThrow('database gone');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });

  it('retires a tag\'s entries on invalidate, other tags untouched', async () => {
    const cache = new ReadCache<number>(60);
    let n = 0;
    const compute = async () => ++n;
    expect(await cache.get('a', compute, 'city:1')).toBe(1);
    expect(await cache.get('b', compute, 'city:2')).toBe(2);
    cache.invalidate('city:1');
    expect(await cache.get('a', compute, 'city:1')).toBe(3);
    expect(await cache.get('a', compute, 'city:1')).toBe(3);
    expect(await cache.get('b', compute, 'city:2')).toBe(2);
  });

  it('does not serve again an entry invalidated while it was computed: the write may have missed it', async () => {
    const cache = new ReadCache<string>(60);
    let release!: () => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => { release = () => resolve('before the write'); }), 't');
    cache.invalidate('t');
    release();
    expect(await slow).toBe('before the write');
    expect(await cache.get('k', async () => 'after the write', 't')).toBe('after the write');
  });

  it('serves nothing it kept once cleared', async () => {
    const cache = new ReadCache<number>(60);
    let n = 0;
    await cache.get('a', async () => ++n);
    await cache.get('b', async () => ++n);
    cache.clear();
    expect(await cache.get('a', async () => ++n)).toBe(3);
  });
});
