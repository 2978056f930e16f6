import { HomeOutlined, UserOutlined } from '@ant-design/icons';
import { Suspense, useMemo } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth';
import { BrandMark } from '../components/BrandMark';
import { PageSkeleton } from '../components/PageSkeleton';
import { useI18n } from '../i18n';
import { registry, type MenuItem } from '../navigation';
import { activeItem } from './StaffLayout';

const homeTab: MenuItem = { key: 'home', label: 'layout.home', icon: <HomeOutlined />, path: '/m', order: 0 };
const meTab: MenuItem = { key: 'me', label: 'layout.me', icon: <UserOutlined />, path: '/m/me', order: 1000 };

/**
 * Phone-first pages for residents: a red top bar, the page, a bottom tab bar. On a desktop the
 * column stays phone-wide (480 px) in the middle of the screen.
 */
export function ResidentLayout() {
  const { can } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const tabs = useMemo(
    (): MenuItem[] => [homeTab, ...registry.residentTabs(), meTab].filter((tab) => can(tab.permission)),
    [can],
  );
  const active = activeItem(tabs, location.pathname);

  return (
    <div className="gz-resident-backdrop">
      <div className="gz-resident">
        <header className="gz-resident-topbar">
          <BrandMark size={28} inverse subtitle={active && active.key !== 'home' ? t(active.label) : t('app.tagline')} />
        </header>
        <main className="gz-resident-main">
          <Suspense fallback={<PageSkeleton rows={4} />}>
            <Outlet />
          </Suspense>
        </main>
        <nav className="gz-tabbar" aria-label={t('app.residentSide')}>
          {tabs.map((tab) => (
            <Link key={tab.key} to={tab.path} className={`gz-tab${active?.key === tab.key ? ' gz-tab-active' : ''}`}>
              <span className="gz-tab-icon">{tab.icon}</span>
              <span>{t(tab.label)}</span>
            </Link>
          ))}
        </nav>
      </div>
    </div>
  );
}
