import { FileSearchOutlined, TagsOutlined, NodeIndexOutlined, SettingOutlined, ToolOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { requestsMessages } from './messages';
import './requests.css';

/**
 * 三单服务: residents file (phone, /m/requests…), the community dispatches (/requests/queue),
 * property companies and local units work their orders (/requests/orders). How fast and how well
 * it goes (/requests/figures) is a page of the figures module.
 */
registerModule({
  id: 'requests',
  messages: requestsMessages,
  staff: {
    menu: [
      { key: 'requests-queue', label: 'requests.menu.queue', icon: <NodeIndexOutlined />, path: '/requests/queue', permission: 'requests:dispatch', order: 10 },
      { key: 'requests-orders', label: 'requests.menu.orders', icon: <ToolOutlined />, path: '/requests/orders', permission: 'requests:work', order: 20 },
      { key: 'requests-categories', label: 'requests.menu.categories', icon: <SettingOutlined />, path: '/requests/categories', permission: 'requests:configure', order: 90 },
      { key: 'requests-rules', label: 'requests.menu.rules', icon: <TagsOutlined />, path: '/requests/rules', permission: 'requests:configure', order: 91 },
    ],
    quickLinks: [
      { key: 'requests-queue', label: 'requests.menu.queue', description: 'requests.menu.queueText', icon: <NodeIndexOutlined />, path: '/requests/queue', permission: 'requests:dispatch', order: 10 },
      { key: 'requests-orders', label: 'requests.menu.orders', description: 'requests.menu.ordersText', icon: <ToolOutlined />, path: '/requests/orders', permission: 'requests:work', order: 20 },
    ],
    routes: [
      { path: 'requests/queue', page: () => import('./pages/QueuePage'), permission: 'requests:read' },
      { path: 'requests/orders', page: () => import('./pages/OrdersPage'), permission: 'requests:work' },
      { path: 'requests/categories', page: () => import('./pages/CategoriesPage'), permission: 'requests:configure' },
      { path: 'requests/rules', page: () => import('./pages/RulesPage'), permission: 'requests:configure' },
      { path: 'requests/:id', page: () => import('./pages/StaffRequestPage'), permission: 'requests:read' },
    ],
  },
  resident: {
    tabs: [{ key: 'requests', label: 'requests.menu.mine', icon: <FileSearchOutlined />, path: '/m/requests', permission: 'requests:read', order: 20 }],
    routes: [
      { path: 'requests/new', page: () => import('./pages/NewRequestPage'), permission: 'requests:create' },
      { path: 'requests', page: () => import('./pages/MyRequestsPage'), permission: 'requests:read' },
      { path: 'requests/:id', page: () => import('./pages/ResidentRequestPage'), permission: 'requests:read' },
    ],
  },
});
