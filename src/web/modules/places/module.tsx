import { ApartmentOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { placesMessages } from './messages';

/** The organisation browser: communities → compounds → buildings → households. */
registerModule({
  id: 'places',
  messages: placesMessages,
  staff: {
    menu: [{ key: 'places', label: 'places.menu', icon: <ApartmentOutlined />, path: '/places', permission: 'places:read', order: 80 }],
    quickLinks: [{ key: 'places', label: 'places.menu', description: 'places.quickLink', icon: <ApartmentOutlined />, path: '/places', permission: 'places:read', order: 80 }],
    routes: [
      { path: 'places', page: () => import('./pages/CommunitiesPage'), permission: 'places:read' },
      { path: 'places/communities/:communityId', page: () => import('./pages/CommunityPage'), permission: 'places:read' },
      { path: 'places/compounds/:compoundId', page: () => import('./pages/CompoundPage'), permission: 'places:read' },
      { path: 'places/compounds/:compoundId/buildings/:buildingId', page: () => import('./pages/BuildingPage'), permission: 'households:read' },
    ],
  },
});
