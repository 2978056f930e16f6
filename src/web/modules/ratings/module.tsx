import { StarOutlined, TrophyOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { ratingsMessages } from './messages';

/**
 * 星级物业: the department's workbench, the company's self-evaluation and the committee's
 * assessment (/ratings, /ratings/:id), and the published ratings per district (/ratings/public
 * for staff, /m/ratings on the phone).
 */
registerModule({
  id: 'ratings',
  messages: ratingsMessages,
  staff: {
    menu: [{ key: 'ratings', label: 'ratings.menu', icon: <StarOutlined />, path: '/ratings', permission: 'ratings:read', order: 45 }],
    quickLinks: [{ key: 'ratings', label: 'ratings.menu', description: 'ratings.menuText', icon: <StarOutlined />, path: '/ratings', permission: 'ratings:read', order: 45 }],
    routes: [
      { path: 'ratings', page: () => import('./pages/RatingsPage'), permission: 'ratings:read' },
      { path: 'ratings/public', page: () => import('./pages/PublicRatingsPage') },
      { path: 'ratings/:id', page: () => import('./pages/RatingPage'), permission: 'ratings:read' },
    ],
  },
  resident: {
    routes: [{ path: 'ratings', page: () => import('./pages/PublicRatingsPage') }],
    tiles: [{ key: 'ratings', label: 'ratings.tile', description: 'ratings.tileText', icon: <TrophyOutlined />, path: '/m/ratings', color: 'linear-gradient(135deg, #faad14 0%, #d48806 100%)', order: 60 }],
  },
});
