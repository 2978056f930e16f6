import { CalendarOutlined, GiftOutlined, ToolOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { homeMessages } from './messages';

/**
 * The two home pages. The resident tiles point at pages other modules provide (the requests
 * module's `/m/requests/new` and `/m/requests`); a tile turns on by itself once a module
 * registers a resident route at its path, until then it reads "即将上线".
 */
registerModule({
  id: 'home',
  messages: homeMessages,
  staff: {
    routes: [{ path: '', page: () => import('./pages/WorkbenchHome') }],
  },
  resident: {
    routes: [
      { path: '', page: () => import('./pages/ResidentHome') },
      { path: 'me', page: () => import('./pages/ResidentMe') },
    ],
    tiles: [
      { key: 'report', label: 'home.tileReport', description: 'home.tileReportText', icon: <ToolOutlined />, path: '/m/requests/new', permission: 'requests:create', color: 'linear-gradient(135deg, #e8383f 0%, #c8161d 100%)', order: 10 },
      { key: 'mine', label: 'home.tileMine', description: 'home.tileMineText', icon: <UnorderedListOutlined />, path: '/m/requests', permission: 'requests:read', color: 'linear-gradient(135deg, #ff9c3f 0%, #f5701a 100%)', order: 20 },
      { key: 'wish', label: 'home.tileWish', description: 'home.tileWishText', icon: <GiftOutlined />, path: '/m/wishes', color: 'linear-gradient(135deg, #f759ab 0%, #c41d7f 100%)', order: 30 },
      { key: 'activity', label: 'home.tileActivity', description: 'home.tileActivityText', icon: <CalendarOutlined />, path: '/m/activities', color: 'linear-gradient(135deg, #36a3f7 0%, #1668dc 100%)', order: 40 },
    ],
  },
});
