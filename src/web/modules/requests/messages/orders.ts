import { defineMessages } from '../../../app/i18n';

/** 辖区单位接单 — the assignee's orders (/requests/orders). */
export const ordersMessages = defineMessages(
  {
    'requests.orders.title': '我的工单',
    'requests.orders.intro': '社区派来的诉求：1 小时内接单，按时处置并回复居民',
    'requests.orders.preset.todo': '待接单',
    'requests.orders.preset.working': '处置中',
    'requests.orders.preset.resolved': '待居民确认',
    'requests.orders.preset.closed': '已办结',
    'requests.orders.preset.all': '全部',
    'requests.orders.empty': '暂无工单',
  },
  {
    'requests.orders.title': 'My orders',
    'requests.orders.intro': 'Requests dispatched to you: accept within an hour, fix on time and report back',
    'requests.orders.preset.todo': 'To accept',
    'requests.orders.preset.working': 'In hand',
    'requests.orders.preset.resolved': 'Awaiting resident',
    'requests.orders.preset.closed': 'Closed',
    'requests.orders.preset.all': 'All',
    'requests.orders.empty': 'No orders',
  },
);
