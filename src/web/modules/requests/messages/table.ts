import { defineMessages } from '../../../app/i18n';

/** The request table of both workbenches (queue and orders). */
export const tableMessages = defineMessages(
  {
    'requests.table.no': '编号',
    'requests.table.category': '分类',
    'requests.table.description': '问题描述',
    'requests.table.location': '位置',
    'requests.table.state': '状态',
    'requests.table.sla': '时限',
    'requests.table.assignee': '承办',
    'requests.table.created': '提交时间',
    'requests.table.reporter': '报事人',
    'requests.table.actions': '操作',
    'requests.table.followers': '同类',
    'requests.table.rating': '评价',
  },
  {
    'requests.table.no': 'No.',
    'requests.table.category': 'Category',
    'requests.table.description': 'Description',
    'requests.table.location': 'Location',
    'requests.table.state': 'State',
    'requests.table.sla': 'Deadline',
    'requests.table.assignee': 'Assignee',
    'requests.table.created': 'Filed',
    'requests.table.reporter': 'Reporter',
    'requests.table.actions': 'Actions',
    'requests.table.followers': 'Similar',
    'requests.table.rating': 'Rating',
  },
);
