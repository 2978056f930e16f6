/**
 * Time as people in the office mean it: Asia/Shanghai, a fixed UTC+8 (no daylight saving since
 * 1991). Calendar days, months and wall-clock times are computed here and nowhere else.
 * "2026-01-13" starts at 2026-01-12T16:00Z.
 */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;
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
export function shanghaiDate(at: Date | number | string): string {
  return shifted(at).toISOString().slice(0, 10);
}

/** The Shanghai calendar month (YYYY-MM) of an instant. */
export function shanghaiMonth(at: Date | number | string): string {
  return shifted(at).toISOString().slice(0, 7);
}

/** "2026-01-13 09:05", the wall-clock time staff expect in a spreadsheet or a printed notice. */
export function shanghaiDateTime(at: Date | number | string): string {
  return shifted(at).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant a YYYY-MM month starts in Shanghai. */
export function shanghaiMonthStart(month: string): Date {
  return shanghaiDayStart(`${month}-01`);
}

/**
 * A Date whose UTC fields read as Shanghai wall-clock time (getUTCHours() = the local hour) —
 * for arithmetic on local days and hours; never store or send it.
 */
export function shanghaiWallClock(at: Date | number | string): Date {
  return shifted(at);
}

function shifted(at: Date | number | string): Date {
  return new Date(new Date(at).getTime() + OFFSET_MS);
}
