import { BellOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { NotificationBell } from './components/NotificationBell';
import { notificationsMessages } from './messages';
import './notifications.css';

/** In-app notifications: the bell in the workbench header, a message tab on the phone. */
registerModule({
  id: 'notifications',
  messages: notificationsMessages,
  headerWidgets: [{ key: 'notifications', order: 10, render: () => <NotificationBell />, permission: 'notifications:read' }],
  resident: {
    tabs: [{ key: 'notifications', label: 'notifications.tab', icon: <BellOutlined />, path: '/m/notifications', permission: 'notifications:read', order: 30 }],
    routes: [{ path: 'notifications', page: () => import('./pages/ResidentNotificationsPage'), permission: 'notifications:read' }],
  },
});
