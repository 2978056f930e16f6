import { CalendarOutlined, HomeOutlined, NotificationOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { communityMessages } from './messages';

/**
 * Community life: the staff workbench (/community: rooms' week, activities with sign-ups and the
 * rotating QR, announcements with read rates, reception days) and the resident's phone pages
 * (/m/activities, /m/activities/:id, the QR's page /m/activities/:id/scan, /m/announcements,
 * /m/places: booking a room and a reception-day slot).
 * Registering /m/activities turns the home page's 社区活动 tile on.
 */
registerModule({
  id: 'community',
  messages: communityMessages,
  staff: {
    menu: [{ key: 'community', label: 'community.menu', icon: <CalendarOutlined />, path: '/community', permission: 'community:manage', order: 45 }],
    quickLinks: [{ key: 'community', label: 'community.menu', description: 'community.menuText', icon: <CalendarOutlined />, path: '/community', permission: 'community:manage', order: 45 }],
    routes: [{ path: 'community', page: () => import('./pages/WorkbenchPage'), permission: 'community:read' }],
  },
  resident: {
    routes: [
      { path: 'activities', page: () => import('./pages/ResidentActivitiesPage'), permission: 'community:read' },
      { path: 'activities/:activityId', page: () => import('./pages/ResidentActivityPage'), permission: 'community:read' },
      { path: 'activities/:activityId/scan', page: () => import('./pages/ScanPage'), permission: 'community:signup' },
      { path: 'announcements', page: () => import('./pages/ResidentAnnouncementsPage'), permission: 'community:read' },
      { path: 'places', page: () => import('./pages/ResidentPlacesPage'), permission: 'community:read' },
    ],
    tiles: [{ key: 'announcements', label: 'community.announcements', description: 'community.menuText', icon: <NotificationOutlined />, path: '/m/announcements', permission: 'community:read', color: 'linear-gradient(135deg, #faad14 0%, #d48806 100%)', order: 45 },
      { key: 'places', label: 'community.venues', description: 'community.placesText', icon: <HomeOutlined />, path: '/m/places', permission: 'community:read', color: 'linear-gradient(135deg, #d4380d 0%, #a8071a 100%)', order: 46 }],
  },
});
