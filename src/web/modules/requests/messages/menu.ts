import { defineMessages } from '../../../app/i18n';

/** Menu items, the resident tab and the workbench quick links. */
export const menuMessages = defineMessages(
  {
    'requests.menu.queue': '诉求调度',
    'requests.menu.orders': '我的工单',
    'requests.menu.categories': '诉求分类',
    'requests.menu.rules': '分类关键词',
    'requests.menu.mine': '诉求',
    'requests.menu.queueText': '实时接收居民诉求，分类派单、合并、三方会诊',
    'requests.menu.ordersText': '接单、处置、回复，按时限完成',
  },
  {
    'requests.menu.queue': 'Dispatch',
    'requests.menu.orders': 'My orders',
    'requests.menu.categories': 'Categories',
    'requests.menu.rules': 'Keyword rules',
    'requests.menu.mine': 'Requests',
    'requests.menu.queueText': 'Live requests from residents: classify, dispatch, merge, joint consultation',
    'requests.menu.ordersText': 'Accept, work and resolve on time',
  },
);
