import { DashboardOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { dashboardMessages } from './messages';

/**
 * 数据驾驶舱: the workbench page /dashboard (every staff role at its own level, drill-down from
 * city to compound) and the big screen /dashboard/screen for a command centre.
 */
registerModule({
  id: 'dashboard',
  messages: dashboardMessages,
  staff: {
    menu: [{ key: 'dashboard', label: 'dashboard.menu', icon: <DashboardOutlined />, path: '/dashboard', permission: 'dashboard:read', order: 5 }],
    quickLinks: [{ key: 'dashboard', label: 'dashboard.menu', description: 'dashboard.quickLink', icon: <DashboardOutlined />, path: '/dashboard', permission: 'dashboard:read', order: 5 }],
    routes: [
      { path: 'dashboard', page: () => import('./pages/DashboardPage'), permission: 'dashboard:read' },
      { path: 'dashboard/screen', page: () => import('./pages/ScreenPage'), permission: 'dashboard:read' },
    ],
  },
});
