import { DesktopOutlined, LogoutOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Card, List, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { isStaff, useAuth, useMe } from '../../../app/auth';
import { RoleTags } from '../../../app/components/RoleTags';
import { LanguageSwitch, useI18n } from '../../../app/i18n';

/** "我的": who I am, the language, the way to the workbench (for committee members), logout. */
export default function ResidentMe() {
  const me = useMe();
  const { logout } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const onLogout = async () => {
    await logout();
    message.success(t('layout.loggedOut'));
    navigate('/login', { replace: true });
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 14 }}>
      <Card variant="borderless">
        <div style={{ display: 'flex', gap: 14, alignItems: 'center' }}>
          <Avatar size={56} style={{ background: '#c8161d', fontSize: 24 }}>{[...me.name][0]}</Avatar>
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>{me.name}</Typography.Title>
            <Typography.Text type="secondary">{t('home.account')}: {me.username}</Typography.Text>
            <div style={{ marginTop: 6 }}><RoleTags grants={me.roles} /></div>
          </div>
        </div>
      </Card>
      <Card variant="borderless" size="small" title={t('home.settings')}>
        <List>
          <List.Item extra={<LanguageSwitch size="middle" />}>{t('common.language')}</List.Item>
          {isStaff(me) && (
            <List.Item extra={<Button icon={<DesktopOutlined />} onClick={() => navigate('/')}>{t('layout.toWorkbench')}</Button>}>{t('app.workbench')}</List.Item>
          )}
        </List>
      </Card>
      <Button danger block size="large" icon={<LogoutOutlined />} onClick={() => void onLogout()}>{t('layout.logout')}</Button>
    </div>
  );
}
