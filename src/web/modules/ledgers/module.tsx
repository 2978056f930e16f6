import { AuditOutlined, BuildOutlined, FileProtectOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { ledgersMessages } from './messages';

/**
 * 账目公开: ledgers as hash chains, disclosures, improvement projects (/ledgers) and the party
 * organisation's review of major decisions (/ledgers/decisions); residents read their compound's
 * disclosures and follow its projects on the phone.
 */
registerModule({
  id: 'ledgers',
  messages: ledgersMessages,
  staff: {
    menu: [
      { key: 'ledgers', label: 'ledgers.menu', icon: <SafetyCertificateOutlined />, path: '/ledgers', permission: 'ledgers:read', order: 45 },
      { key: 'ledgers-decisions', label: 'ledgers.menuDecisions', icon: <AuditOutlined />, path: '/ledgers/decisions', permission: 'ledgers:read', order: 46 },
    ],
    quickLinks: [
      { key: 'ledgers-decisions', label: 'ledgers.menuDecisions', description: 'ledgers.menuDecisionsText', icon: <AuditOutlined />, path: '/ledgers/decisions', permission: 'ledgers:review', order: 46 },
      { key: 'ledgers', label: 'ledgers.menu', description: 'ledgers.menuText', icon: <SafetyCertificateOutlined />, path: '/ledgers', permission: 'ledgers:write', order: 45 },
    ],
    routes: [
      { path: 'ledgers', page: () => import('./pages/LedgersPage'), permission: 'ledgers:read' },
      { path: 'ledgers/decisions', page: () => import('./pages/DecisionsPage'), permission: 'ledgers:read' },
    ],
  },
  resident: {
    routes: [
      { path: 'disclosures', page: () => import('./pages/MyDisclosuresPage'), permission: 'ledgers:read' },
      { path: 'disclosures/:id', page: () => import('./pages/DisclosurePage'), permission: 'ledgers:read' },
      { path: 'projects', page: () => import('./pages/MyProjectsPage'), permission: 'ledgers:read' },
    ],
    tiles: [
      { key: 'disclosures', label: 'ledgers.tile', description: 'ledgers.tileText', icon: <FileProtectOutlined />, path: '/m/disclosures', permission: 'ledgers:read', color: 'linear-gradient(135deg, #9254de 0%, #531dab 100%)', order: 26 },
      { key: 'projects', label: 'ledgers.tileProjects', description: 'ledgers.tileProjectsText', icon: <BuildOutlined />, path: '/m/projects', permission: 'ledgers:read', color: 'linear-gradient(135deg, #13c2c2 0%, #08979c 100%)', order: 27 },
    ],
  },
});
