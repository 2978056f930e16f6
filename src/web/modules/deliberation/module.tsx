import { CommentOutlined, MessageOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { deliberationMessages } from './messages';

/** 协商共治: counts (/deliberation), meetings and their public record, topics and opinions; residents give opinions on the phone (/m/topics). */
registerModule({
  id: 'deliberation',
  messages: deliberationMessages,
  staff: {
    menu: [
      { key: 'deliberation', label: 'deliberation.menu.overview', icon: <CommentOutlined />, path: '/deliberation', permission: 'deliberation:read', order: 30 },
      { key: 'deliberation-meetings', label: 'deliberation.menu.meetings', icon: <CommentOutlined />, path: '/deliberation/meetings', permission: 'deliberation:read', order: 31 },
      { key: 'deliberation-topics', label: 'deliberation.menu.topics', icon: <MessageOutlined />, path: '/deliberation/topics', permission: 'deliberation:read', order: 32 },
    ],
    quickLinks: [{ key: 'deliberation', label: 'deliberation.menu', description: 'deliberation.menuText', icon: <CommentOutlined />, path: '/deliberation/meetings', permission: 'deliberation:convene', order: 30 }],
    routes: [
      { path: 'deliberation', page: () => import('./pages/OverviewPage'), permission: 'deliberation:read' },
      { path: 'deliberation/meetings', page: () => import('./pages/MeetingsPage'), permission: 'deliberation:read' },
      { path: 'deliberation/meetings/:id', page: () => import('./pages/MeetingPage'), permission: 'deliberation:read' },
      { path: 'deliberation/topics', page: () => import('./pages/TopicsPage'), permission: 'deliberation:read' },
      { path: 'deliberation/topics/:id', page: () => import('./pages/TopicPage'), permission: 'deliberation:read' },
    ],
  },
  resident: {
    tabs: [{ key: 'topics', label: 'deliberation.tab', icon: <MessageOutlined />, path: '/m/topics', permission: 'deliberation:opine', order: 35 }],
    routes: [
      { path: 'topics', page: () => import('./pages/MyTopicsPage'), permission: 'deliberation:read' },
      { path: 'topics/:id', page: () => import('./pages/ResidentTopicPage'), permission: 'deliberation:read' },
    ],
  },
});
