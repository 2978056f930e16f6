/**
 * Public Open311 answers never reveal who reported, how to reach them, or which household they
 * live in. Structured fields are simply left out; free text (the description, staff notes,
 * location text) is written by people, so it is scrubbed here before it leaves.
 */
const hidden = '***';

const patterns: [RegExp, string][] = [
  // Resident ID numbers (18 characters, the last may be X).
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, hidden],
  // Mobile numbers, also written 138 0378 1201 or 138-0378-1201.
  [/(?<!\d)1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g, hidden],
  // Landlines with an area code: 0371-23381166, 037123381166.
  [/(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, hidden],
  // 1单元301 / 1 单元 301室: keep the stairwell, hide the door.
  [/(\d+\s*单元)\s*\d{2,4}\s*(?:室|号房|号|户)?/g, `$1${hidden}`],
  // 301室, 1202号房, 502户.
  [/(?<!\d)\d{3,4}\s*(?:室|号房|户)/g, hidden],
  // 12-1-301 (building-unit-door).
  [/(?<!\d)(\d{1,3}-\d{1,2}-)\d{3,4}(?!\d)/g, `$1${hidden}`],
];

/**
 * Removes the given known values (the reporter's name and phone) and anything shaped like an
 * ID number, a phone number or a household door number.
 */
export function redactPublicText(text: string, known: readonly (string | null | undefined)[] = []): string {
  if (!text) return text;
  // Phone keyboards often type full-width digits (１３８…); read them as the digits they are.
  let out = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  for (const value of known) {
    const v = value?.trim();
    if (v && [...v].length >= 2) out = out.split(v).join(hidden);
  }
  // Every pattern needs a digit; most text has none, and this runs on every row of every list.
  if (!/\d/.test(out)) return out;
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}
