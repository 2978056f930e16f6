import { BarChartOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { figuresMessages } from './messages';

/**
 * Figures: how fast and how well the platform's work goes, for everyone with figures:read, over
 * the units their grants cover. Today the requests figures (诉求数据); their page keeps the URL
 * /requests/figures that links, exports and bookmarks already use.
 */
registerModule({
  id: 'figures',
  messages: figuresMessages,
  staff: {
    menu: [{ key: 'figures-requests', label: 'figures.menu', icon: <BarChartOutlined />, path: '/requests/figures', permission: 'figures:read', order: 60 }],
    quickLinks: [{ key: 'figures-requests', label: 'figures.menu', description: 'figures.quickLink', icon: <BarChartOutlined />, path: '/requests/figures', permission: 'figures:read', order: 60 }],
    routes: [{ path: 'requests/figures', page: () => import('./pages/FiguresPage'), permission: 'figures:read' }],
  },
});
