import { BellOutlined, HomeOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, MobileOutlined } from '@ant-design/icons';
import { App, Avatar, Badge, Button, Dropdown, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isResident, useAuth, useMe } from '../auth';
import { BrandMark } from '../components/BrandMark';
import { PageSkeleton } from '../components/PageSkeleton';
import { RoleTags } from '../components/RoleTags';
import { LanguageSwitch, useI18n } from '../i18n';
import { registry, type MenuItem } from '../navigation';

const { Sider, Header, Content } = Layout;

/** The menu item owning a path: the longest item path that is a prefix of it. */
export function activeItem(items: MenuItem[], pathname: string): MenuItem | undefined {
  return items
    .filter((i) => (i.path === '/' ? pathname === '/' : pathname === i.path || pathname.startsWith(`${i.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

const homeItem: MenuItem = { key: 'home', label: 'layout.home', icon: <HomeOutlined />, path: '/', order: 0 };

/** Desktop workbench for staff: side menu by permission, header with who and where. */
export function StaffLayout() {
  const me = useMe();
  const { can, logout } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo(
    (): MenuItem[] => [homeItem, ...registry.staffMenu()].filter((i) => can(i.permission)),
    [can],
  );
  const active = activeItem(items, location.pathname);
  const widgets = registry.headerWidgets().filter((w) => can(w.permission));
  const hasBell = widgets.some((w) => w.key === 'notifications');

  const onLogout = async () => {
    await logout();
    message.success(t('layout.loggedOut'));
    navigate('/login', { replace: true });
  };

  return (
    <Layout className="gz-staff" style={{ minHeight: '100vh' }}>
      <Sider
        width={224}
        collapsible
        collapsed={collapsed}
        trigger={null}
        theme="light"
        style={{ borderInlineEnd: '1px solid #f0f0f0' }}
      >
        {/* The sider stretches with the page; its content stays in view while the page scrolls. */}
        <div style={{ position: 'sticky', top: 0, maxHeight: '100vh', overflow: 'auto' }}>
        <div className="gz-sider-brand" style={{ height: 64, display: 'flex', alignItems: 'center', paddingInline: collapsed ? 24 : 20, borderBottom: '1px solid #f5f5f5' }}>
          <BrandMark size={32} showName={!collapsed} subtitle={t('app.workbench')} />
        </div>
        <Menu
          mode="inline"
          selectedKeys={active ? [active.key] : []}
          style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          items={items.map((i) => ({ key: i.key, icon: i.icon, label: t(i.label), onClick: () => navigate(i.path) }))}
        />
        </div>
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff', paddingInline: 16, height: 64, display: 'flex', alignItems: 'center', gap: 12,
            borderBottom: '1px solid #f0f0f0', position: 'sticky', top: 0, zIndex: 10,
          }}
        >
          <Tooltip title={t('layout.collapse')}>
            <Button type="text" icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed(!collapsed)} />
          </Tooltip>
          <div style={{ flex: 1, minWidth: 0, overflow: 'hidden', whiteSpace: 'nowrap' }}>
            <RoleTags grants={me.roles} max={2} />
          </div>
          <Space size={12} align="center">
            {widgets.map((w) => <span key={w.key}>{w.render()}</span>)}
            {!hasBell && (
              // Placeholder until the notifications module contributes its bell.
              <Tooltip title={`${t('layout.notifications')} · ${t('common.comingSoon')}`}>
                <Badge dot={false}>
                  <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={t('layout.notifications')} />
                </Badge>
              </Tooltip>
            )}
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'roles', type: 'group', label: t('layout.myRoles'), children: me.roles.map((g, i) => ({ key: `r${i}`, disabled: true, label: `${t(`role.${g.role}`)} · ${g.scopeType === 'platform' ? t('role.platformScope') : g.scopeName}` })) },
                  { type: 'divider' },
                  ...(isResident(me) ? [{ key: 'resident', icon: <MobileOutlined />, label: t('layout.toResident'), onClick: () => navigate('/m') }] : []),
                  { key: 'logout', icon: <LogoutOutlined />, danger: true, label: t('layout.logout'), onClick: () => void onLogout() },
                ],
              }}
            >
              <Button type="text" style={{ height: 48, paddingInline: 8 }} data-testid="user-menu">
                <Space size={8}>
                  <Avatar style={{ background: '#c8161d' }}>{[...me.name][0]}</Avatar>
                  <Typography.Text strong>{me.name}</Typography.Text>
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ padding: 24, background: '#f5f6f8' }}>
          <div style={{ maxWidth: 1360, margin: '0 auto' }}>
            <Suspense fallback={<PageSkeleton />}>
              <Outlet />
            </Suspense>
          </div>
        </Content>
      </Layout>
    </Layout>
  );
}
