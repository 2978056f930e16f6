import { AuditOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { votesMessages } from './messages';

/** 业主共同决定: the committee drafts, opens, canvasses and closes (/votes); owners vote on the phone (/m/votes). */
registerModule({
  id: 'votes',
  messages: votesMessages,
  staff: {
    menu: [{ key: 'votes', label: 'votes.menu', icon: <AuditOutlined />, path: '/votes', permission: 'votes:read', order: 40 }],
    quickLinks: [{ key: 'votes', label: 'votes.menu', description: 'votes.menuText', icon: <AuditOutlined />, path: '/votes', permission: 'votes:manage', order: 40 }],
    routes: [
      { path: 'votes', page: () => import('./pages/VotesPage'), permission: 'votes:read' },
      { path: 'votes/:id', page: () => import('./pages/VotePage'), permission: 'votes:read' },
    ],
  },
  resident: {
    tabs: [{ key: 'votes', label: 'votes.tab', icon: <AuditOutlined />, path: '/m/votes', permission: 'votes:cast', order: 30 }],
    routes: [
      { path: 'votes', page: () => import('./pages/MyVotesPage'), permission: 'votes:read' },
      { path: 'votes/:id', page: () => import('./pages/BallotPage'), permission: 'votes:read' },
    ],
  },
});
