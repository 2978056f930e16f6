import { defineMessages } from '../../app/i18n';

export const notificationsMessages = defineMessages(
  {
    'notifications.title': '消息通知',
    'notifications.tab': '消息',
    'notifications.readAll': '全部已读',
    'notifications.empty': '暂无消息',
  },
  {
    'notifications.title': 'Notifications',
    'notifications.tab': 'Messages',
    'notifications.readAll': 'Mark all read',
    'notifications.empty': 'No notifications',
  },
);
