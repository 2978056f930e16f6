import { z } from 'zod';
import { limits } from '../shared/limits.js';

/** Query fields every paginated list accepts. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault).describe('Rows per page'),
};

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('Rows matching the filter, over all pages'),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/** Escapes LIKE wildcards in user search text. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
