import { AccountBookOutlined, WalletOutlined } from '@ant-design/icons';
import { registerModule } from '../../app/navigation';
import { feesMessages } from './messages';

/**
 * 物业收费: the collector's workbench (/fees: 缴费率, bills, arrears) and the resident's bills with
 * the payment provider's checkout (/m/fees).
 */
registerModule({
  id: 'fees',
  messages: feesMessages,
  staff: {
    menu: [{ key: 'fees', label: 'fees.menu', icon: <AccountBookOutlined />, path: '/fees', permission: 'fees:read', order: 40 }],
    quickLinks: [{ key: 'fees', label: 'fees.menu', description: 'fees.menuText', icon: <AccountBookOutlined />, path: '/fees', permission: 'fees:manage', order: 40 }],
    routes: [{ path: 'fees', page: () => import('./pages/FeesPage'), permission: 'fees:read' }],
  },
  resident: {
    routes: [
      { path: 'fees', page: () => import('./pages/MyBillsPage'), permission: 'fees:pay' },
      { path: 'fees/checkout/:ref', page: () => import('./pages/CheckoutPage'), permission: 'fees:pay' },
    ],
    tiles: [{ key: 'fees', label: 'fees.tile', description: 'fees.tileText', icon: <WalletOutlined />, path: '/m/fees', permission: 'fees:pay', color: 'linear-gradient(135deg, #52c41a 0%, #389e0d 100%)', order: 25 }],
  },
});
