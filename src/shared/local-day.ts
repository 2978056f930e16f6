/**
 * Calendar days as people in the office mean them: Asia/Shanghai, a fixed UTC+8 (no daylight
 * saving). "2026-01-13" starts at 2026-01-12T16:00Z.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** The instant a YYYY-MM-DD day starts in Shanghai. */
export function shanghaiDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** The instant the day after a YYYY-MM-DD day starts in Shanghai (the exclusive end of the day). */
export function shanghaiDayEnd(date: string): Date {
  return new Date(shanghaiDayStart(date).getTime() + DAY_MS);
}

/** The Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDate(at: Date | number): string {
  return new Date(new Date(at).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
