/**
 * Date-times as the GeoReport v2 spec wants them: the W3C subset of ISO 8601 with the zone
 * included. Gongzhi serves Chinese cities, which all keep China Standard Time (UTC+8, no DST),
 * so output carries "+08:00" like FixMyStreet's w3date carries the local offset.
 */
const OFFSET_MS = 8 * 3600_000;

/**
 * 2026-01-13T09:00:00+08:00, truncated to the second. The request list has the database format
 * its dates the same way (open311.requests.ts); this is the reference the tests hold it to.
 */
export function w3cDateTime(at: Date): string {
  return `${new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

const w3cPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2}| \d{2}:\d{2})?$/i;

/**
 * Parses a W3C date-time from a query (start_date, end_date). A value without a zone is read in
 * China Standard Time, the zone of every jurisdiction served; undefined when it is not a date.
 */
export function parseW3cDateTime(value: string): Date | undefined {
  const m = w3cPattern.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone] = m;
  let offset = '+08:00';
  // An unencoded "+08:00" in a query string arrives as " 08:00".
  const signed = zone?.replace(/^ /, '+');
  if (signed) offset = signed.toUpperCase() === 'Z' ? 'Z' : signed.includes(':') ? signed : `${signed.slice(0, 3)}:${signed.slice(3)}`;
  // Date silently rolls 2026-02-30 over to March; a day that does not exist is not a date.
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return undefined;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${frac}${offset}`);
  if (Number.isNaN(at.getTime())) return undefined;
  return at;
}
