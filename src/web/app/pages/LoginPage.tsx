import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { BrandMark } from '../components/BrandMark';
import { useErrorText } from '../components/Results';
import { LanguageSwitch, useI18n } from '../i18n';
import { useApi } from '../useApi';

/** `GET /api/demo/accounts` (src/modules/demo/demo.dto.ts). */
interface DemoAccounts {
  enabled: boolean;
  password: string | null;
  accounts: { username: string; description: string; roles: string[] }[];
}

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t, locale } = useI18n();
  const { login } = useAuth();
  const errorText = useErrorText();
  const [form] = Form.useForm<LoginForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const demo = useApi((signal) => api.get<DemoAccounts>('/api/demo/accounts', undefined, signal), []);

  const submit = async ({ username, password }: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      // The login route redirects to ?next= or the account's home once the state changes.
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  const pickDemo = (username: string) => {
    const password = demo.data?.password ?? '';
    form.setFieldsValue({ username, password });
    void submit({ username, password });
  };

  const demoLabel = (a: DemoAccounts['accounts'][number]) =>
    locale === 'zh-CN' ? a.description : [...new Set(a.roles)].map((r) => t(`role.${r}`)).join(' · ');

  return (
    <div className="gz-login">
      <section className="gz-login-hero">
        <BrandMark size={44} inverse />
        <div style={{ position: 'relative', zIndex: 1 }}>
          <Typography.Title level={1} className="gz-hero-title" style={{ color: '#fff', margin: '0 0 12px', letterSpacing: 2 }}>
            {t('login.heroTitle')}
          </Typography.Title>
          <Typography.Paragraph className="gz-hero-text" style={{ color: 'rgba(255,255,255,0.88)', maxWidth: 560 }}>
            {t('login.heroText')}
          </Typography.Paragraph>
          <div className="gz-pillars">
            {(['1', '2', '3'] as const).map((n) => (
              <div key={n} className="gz-pillar">
                <div style={{ fontWeight: 600, fontSize: 16, marginBottom: 4, color: '#ffd666' }}>{t(`login.pillar${n}`)}</div>
                <div style={{ fontSize: 13, color: 'rgba(255,255,255,0.85)' }}>{t(`login.pillar${n}Text`)}</div>
              </div>
            ))}
          </div>
        </div>
        <div className="gz-hero-foot" style={{ fontSize: 12, color: 'rgba(255,255,255,0.7)' }}>{t('login.footer')}</div>
      </section>

      <section className="gz-login-form">
        <div className="gz-login-panel">
          <div className="gz-login-lang">
            <LanguageSwitch />
          </div>
          <Typography.Title level={2} className="gz-login-heading">{t('login.heading')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 28 }}>{t('login.subheading')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 20 }} data-testid="login-error" />}
          <Form<LoginForm> form={form} layout="vertical" size="large" requiredMark={false} onFinish={(v) => void submit(v)} disabled={busy}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} style={{ height: 46, fontSize: 16, marginTop: 4 }}>
              {t('login.submit')}
            </Button>
          </Form>

          {demo.data?.enabled && demo.data.accounts.length > 0 && (
            <Collapse
              ghost
              style={{ marginTop: 24 }}
              defaultActiveKey={['demo']}
              items={[{
                key: 'demo',
                label: <span><b>{t('login.demo')}</b> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('login.demoHint')}</Typography.Text></span>,
                children: (
                  <div className="gz-demo-chips">
                    {demo.data.accounts.map((a) => (
                      <button key={a.username} type="button" className="gz-demo-chip" onClick={() => pickDemo(a.username)} disabled={busy} data-username={a.username} title={demoLabel(a)}>
                        <b>{a.username}</b>
                        <span>{demoLabel(a)}</span>
                      </button>
                    ))}
                  </div>
                ),
              }]}
            />
          )}
        </div>
      </section>
    </div>
  );
}
