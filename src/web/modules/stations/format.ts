import dayjs from 'dayjs';

/** 2026-03-09 14:30 */
export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
/** 03-09 14:30 (this year) */
export const fmtShort = (iso: string | null | undefined) => (iso ? dayjs(iso).format(dayjs(iso).year() === dayjs().year() ? 'MM-DD HH:mm' : 'YYYY-MM-DD') : '—');
export const fmtDay = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
/** Whole days from now to a YYYY-MM-DD day (negative: past). */
export const daysUntil = (day: string) => dayjs(day).startOf('day').diff(dayjs().startOf('day'), 'day');
/** Whole days since an instant. */
export const daysSince = (iso: string) => dayjs().diff(dayjs(iso), 'day');

/** The readiness colour: green when ready, orange when it needs care, red when not ready. */
export const scoreColor = (score: number) => (score >= 85 ? '#389e0d' : score >= 65 ? '#d48806' : '#cf1322');
