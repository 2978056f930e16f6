import { z } from 'zod';
import { isCleanText } from '../../kernel/dto.js';

/** A string without NUL, control characters or broken UTF-16 (the kernel's text rule, untrimmed). */
const cleanString = z.string().max(20_000).refine(isCleanText, 'contains a control character or an unpaired surrogate');

/**
 * Query arguments as the spec names them. "Optional means that the response should be the same
 * whether a parameter is passed and is empty or is not passed at all", and a list argument "can
 * be declared multiple times, comma delimited": both become one trimmed string or undefined.
 */
function arg(description: string) {
  return z.union([cleanString, z.array(cleanString).max(50)]).optional()
    .transform((v) => (Array.isArray(v) ? v.join(',') : v)?.trim() || undefined)
    .describe(description);
}

export const serviceCodeParams = z.object({ service_code: cleanString.max(100).describe('A service_code from GET services') });
export const requestIdParams = z.object({ service_request_id: cleanString.max(40).describe('A service_request_id') });

export const jurisdictionQuery = z.object({
  jurisdiction_id: arg('The city code, e.g. kaifeng (may be omitted when the server has a single city)'),
});

export const requestsQuery = jurisdictionQuery.extend({
  service_request_id: arg('Comma-separated ids; overrides every other argument'),
  service_code: arg('Comma-separated service codes'),
  start_date: arg('Earliest requested_datetime (W3C, e.g. 2026-01-01T00:00:00+08:00)'),
  end_date: arg('Latest requested_datetime; with start_date at most 90 days apart'),
  status: arg('open, closed or both, comma-separated'),
  page: arg('Pagination extension: 1-based page (default 1)'),
  page_size: arg('Pagination extension: requests per page, 1–1000 (default 1000)'),
});

const field = (description: string) => z.union([cleanString.max(10_000), z.number().finite()]).nullish().describe(description);

/** POST requests fields (form-encoded as the spec says, or JSON); attribute[code] fields pass through. */
export const createRequestBody = z.looseObject({
  api_key: field('The organisation\'s api_key (may also be sent in the query string)'),
  jurisdiction_id: field('The city code; defaults to the api_key\'s city'),
  service_code: field('From GET services'),
  lat: field('WGS84 latitude (with long): the nearest compound within 500 m'),
  long: field('WGS84 longitude (with lat)'),
  address_string: field('Compound name, alias or street address, e.g. "鼎立社区 A区12号楼"'),
  address_id: field('A compound id (the address_id of GET requests)'),
  description: field('What is wrong (up to 4,000 characters)'),
  first_name: field('Reporter\'s given name (never published)'),
  last_name: field('Reporter\'s family name (never published)'),
  phone: field('Reporter\'s phone (never published)'),
  email: field('Reporter\'s email (never published)'),
  device_id: field('Accepted and ignored'),
  account_id: field('Accepted and ignored'),
  media_url: field('Accepted and ignored'),
}).nullish();

export const createRequestQuery = z.looseObject({
  api_key: cleanString.max(200).optional().describe('The api_key, if not in the form body'),
  jurisdiction_id: cleanString.max(100).optional(),
});
