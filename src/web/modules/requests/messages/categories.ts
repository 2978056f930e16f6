import { defineMessages } from '../../../app/i18n';

/** 诉求分类 — categories and their deadlines (/requests/categories). */
export const categoriesMessages = defineMessages(
  {
    'requests.categories.title': '诉求分类与时限',
    'requests.categories.intro': '按分类设置响应、办结时限（分钟）；紧急诉求使用紧急时限。停用的分类不再出现在居民报事页面。',
    'requests.categories.name': '分类',
    'requests.categories.code': '代码',
    'requests.categories.respond': '响应时限',
    'requests.categories.resolve': '办结时限',
    'requests.categories.urgentRespond': '紧急响应',
    'requests.categories.urgentResolve': '紧急办结',
    'requests.categories.assignee': '默认承办',
    'requests.categories.hours': '计时',
    'requests.categories.allDay': '全天候',
    'requests.categories.active': '启用',
    'requests.categories.saved': '已保存：{name}',
    'requests.categories.minutesSuffix': '分钟',
  },
  {
    'requests.categories.title': 'Categories and deadlines',
    'requests.categories.intro': 'Respond and resolve deadlines per category, in minutes; urgent requests use the urgent ones. Inactive categories are hidden from residents.',
    'requests.categories.name': 'Category',
    'requests.categories.code': 'Code',
    'requests.categories.respond': 'Respond',
    'requests.categories.resolve': 'Resolve',
    'requests.categories.urgentRespond': 'Urgent respond',
    'requests.categories.urgentResolve': 'Urgent resolve',
    'requests.categories.assignee': 'Default assignee',
    'requests.categories.hours': 'Clock',
    'requests.categories.allDay': '24/7',
    'requests.categories.active': 'Active',
    'requests.categories.saved': 'Saved: {name}',
    'requests.categories.minutesSuffix': 'min',
  },
);
