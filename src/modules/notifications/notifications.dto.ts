import { z } from 'zod';
import { pageOf, pageQuery } from '../../server/pagination.js';

export const notificationDto = z.object({
  id: z.number().int(),
  kind: z.string().describe('e.g. request.dispatch, request.sla_breach'),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable().describe('App path to open, e.g. /requests/12'),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationPage = pageOf(notificationDto);
export const notificationListQuery = z.object({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('Only unread ones'),
  ...pageQuery,
});
export { idParam as notificationIdParam } from '../../kernel/dto.js';
