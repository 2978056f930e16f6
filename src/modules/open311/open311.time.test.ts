import { describe, expect, it } from 'vitest';
import { parseW3cDateTime, w3cDateTime } from './open311.time.js';

describe('w3cDateTime', () => {
  it('writes China Standard Time with its offset, to the second', () => {
    expect(w3cDateTime(new Date('2026-01-13T01:00:00.789Z'))).toBe('2026-01-13T09:00:00+08:00');
    expect(w3cDateTime(new Date('2025-12-31T20:30:05Z'))).toBe('2026-01-01T04:30:05+08:00');
  });
});

describe('parseW3cDateTime', () => {
  it('reads UTC, offsets, and zone-less values as +08:00', () => {
    expect(parseW3cDateTime('2010-01-01T00:00:00Z')?.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3cDateTime('2026-01-13T09:00:00+08:00')?.toISOString()).toBe('2026-01-13T01:00:00.000Z');
    expect(parseW3cDateTime('2026-01-13T09:00:00-0500')?.toISOString()).toBe('2026-01-13T14:00:00.000Z');
    expect(parseW3cDateTime('2026-01-13T09:00')?.toISOString()).toBe('2026-01-13T01:00:00.000Z');
    expect(parseW3cDateTime('2026-01-13')?.toISOString()).toBe('2026-01-12T16:00:00.000Z');
  });

  it('accepts the " 08:00" a query string makes of an unencoded "+08:00"', () => {
    expect(parseW3cDateTime('2026-01-13T09:00:00 08:00')?.toISOString()).toBe('2026-01-13T01:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    for (const bad of ['yesterday', '2026-02-30', '2026-13-01', '2026-01-13T25:00:00Z', '13/01/2026', '']) {
      expect(parseW3cDateTime(bad), bad).toBeUndefined();
    }
  });
});
