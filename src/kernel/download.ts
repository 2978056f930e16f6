import type { FastifyReply } from 'fastify';

/** Content types of the files the app hands out as downloads. */
export const downloadTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  png: 'image/png',
} as const;

/** A format the download helper knows the content type of. */
export type DownloadFormat = keyof typeof downloadTypes;

/** RFC 5987 value-chars: encodeURIComponent leaves a few that the ABNF does not allow. */
function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An ASCII stand-in for a name: runs of other characters become `_`, quotes, slashes and % are dropped. */
function asciiFallback(filename: string): string {
  const ascii = [...filename]
    .filter((c) => !'\\/"%'.includes(c) && c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .replace(/[^ -~]+/g, '_')
    .trim();
  const dot = ascii.lastIndexOf('.');
  const stem = dot > 0 ? ascii.slice(0, dot) : ascii;
  // A name that was all Chinese leaves only underscores: give it a readable stem.
  return /[a-z0-9]/i.test(stem) ? ascii : `download${dot > 0 ? ascii.slice(dot) : ''}`;
}

/**
 * `attachment; filename="…"` with an ASCII fallback, plus RFC 5987 `filename*` when the name
 * is not plain ASCII (e.g. 诉求-2026-01-13.xlsx), so every browser saves it under its real name.
 */
export function contentDisposition(filename: string): string {
  const fallback = asciiFallback(filename);
  const header = `attachment; filename="${fallback}"`;
  return fallback === filename ? header : `${header}; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

/** Sends bytes (or text) as a file download of the given format. */
export function sendDownload(reply: FastifyReply, file: { filename: string; format: DownloadFormat; body: string | Buffer }): FastifyReply {
  return reply.type(downloadTypes[file.format]).header('content-disposition', contentDisposition(file.filename)).send(file.body);
}
