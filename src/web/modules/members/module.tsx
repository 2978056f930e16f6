import { HeartOutlined, IdcardOutlined, TrophyOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { membersMessages } from './messages';
import './members.css';

/**
 * Members, volunteers and 微心愿: the workbench's registry (/members), wishes review with figures
 * (/wishes) and 红榜 (/honour-roll); on the phone, wishes to post, claim, fulfil and confirm
 * (/m/wishes), the members serving my compound (/m/serving-members) and the 红榜 (/m/honour-roll).
 */
registerModule({
  id: 'members',
  messages: membersMessages,
  staff: {
    menu: [
      { key: 'members', label: 'members.menu.members', icon: <IdcardOutlined />, path: '/members', permission: 'members:registry', order: 50 },
      { key: 'wishes', label: 'members.menu.wishes', icon: <HeartOutlined />, path: '/wishes', permission: 'wishes:review', order: 51 },
      { key: 'honour-roll', label: 'members.menu.honour', icon: <TrophyOutlined />, path: '/honour-roll', permission: 'wishes:review', order: 52 },
    ],
    quickLinks: [
      { key: 'wishes', label: 'members.menu.wishes', description: 'members.menu.wishesText', icon: <HeartOutlined />, path: '/wishes', permission: 'wishes:review', order: 50 },
      { key: 'members', label: 'members.menu.members', description: 'members.menu.membersText', icon: <IdcardOutlined />, path: '/members', permission: 'members:registry', order: 51 },
    ],
    routes: [
      { path: 'members', page: () => import('./pages/MembersPage'), permission: 'members:registry' },
      { path: 'wishes', page: () => import('./pages/WishesReviewPage'), permission: 'wishes:review' },
      { path: 'honour-roll', page: () => import('./pages/HonourRollPage'), permission: 'wishes:review' },
    ],
  },
  resident: {
    routes: [
      { path: 'wishes', page: () => import('./pages/PhoneWishesPage'), permission: 'wishes:read' },
      { path: 'wishes/:wishId', page: () => import('./pages/PhoneWishPage'), permission: 'wishes:read' },
      { path: 'honour-roll', page: () => import('./pages/PhoneHonourPage'), permission: 'members:serving' },
      { path: 'serving-members', page: () => import('./pages/PhoneServingPage'), permission: 'members:serving' },
    ],
    // The 微心愿 tile is the home module's (it goes live with the /m/wishes route below).
    tiles: [
      { key: 'serving', label: 'members.tile.serving', description: 'members.tile.servingText', icon: <IdcardOutlined />, path: '/m/serving-members', permission: 'members:serving', color: 'linear-gradient(135deg, #fa8c16 0%, #d4380d 100%)', order: 21 },
      { key: 'honour', label: 'members.tile.honour', description: 'members.tile.honourText', icon: <TrophyOutlined />, path: '/m/honour-roll', permission: 'members:serving', color: 'linear-gradient(135deg, #faad14 0%, #d48806 100%)', order: 22 },
    ],
  },
});
