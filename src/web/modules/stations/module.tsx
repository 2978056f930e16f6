import { AlertOutlined, MoonOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { stationsMessages } from './messages';
import './stations.css';

/**
 * 应急服务站: the stations on the workbench (/stations, /stations/:id) and the night page a team
 * member opens on the phone (/stations/night: full screen, dark, large buttons); residents see the
 * stations of their community on the phone (/m/stations).
 */
registerModule({
  id: 'stations',
  messages: stationsMessages,
  staff: {
    menu: [{ key: 'stations', label: 'stations.menu', icon: <AlertOutlined />, path: '/stations', permission: 'stations:read', order: 40 }],
    quickLinks: [
      { key: 'stations', label: 'stations.menu', description: 'stations.menuText', icon: <AlertOutlined />, path: '/stations', permission: 'stations:read', order: 40 },
      { key: 'stations-night', label: 'stations.nightMenu', description: 'stations.nightMenuText', icon: <MoonOutlined />, path: '/stations/night', permission: 'stations:checkout', order: 41 },
    ],
    routes: [
      { path: 'stations', page: () => import('./pages/StationsPage'), permission: 'stations:read' },
      { path: 'stations/night', page: () => import('./pages/NightPage'), permission: 'stations:checkout' },
      { path: 'stations/:stationId', page: () => import('./pages/StationPage'), permission: 'stations:read' },
    ],
  },
  resident: {
    routes: [{ path: 'stations', page: () => import('./pages/ResidentStationsPage'), permission: 'stations:read' }],
    tiles: [{ key: 'stations', label: 'stations.resident.tile', description: 'stations.resident.tileText', icon: <AlertOutlined />, path: '/m/stations', permission: 'stations:read', color: 'linear-gradient(135deg, #ff7a45 0%, #d4380d 100%)', order: 50 }],
  },
});
