import { combineMessages } from '../../../app/i18n';
import { categoriesMessages } from './categories';
import { commonMessages } from './common';
import { consultationMessages } from './consultation';
import { detailMessages } from './detail';
import { filingMessages } from './filing';
import { menuMessages } from './menu';
import { mineMessages } from './mine';
import { ordersMessages } from './orders';
import { queueMessages } from './queue';
import { rulesMessages } from './rules';
import { stepsMessages } from './steps';
import { tableMessages } from './table';
import { timelineMessages } from './timeline';

/**
 * The strings of the 三单服务 pages, one file per feature. Every key starts with `requests.`, then
 * the feature or shared vocabulary it belongs to (`requests.queue.title`, `requests.sla.met`).
 * Category and place names come from the server in Chinese.
 */
export const requestsMessages = combineMessages(
  menuMessages, commonMessages,
  // resident
  filingMessages, mineMessages,
  // one request, both sides
  detailMessages, timelineMessages,
  // staff workbench
  tableMessages, queueMessages, ordersMessages, stepsMessages, consultationMessages,
  // configuration
  categoriesMessages, rulesMessages,
);
