import { App as AntApp, ConfigProvider, theme } from 'antd';
import { useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth';
import { I18nProvider, registerMessages } from './i18n';
import { coreMessages, shellMessagePrefixes } from './messages';
import { AppErrorBoundary } from './pages/ErrorPages';
import { createAppRouter } from './router';

registerMessages('app shell', coreMessages, shellMessagePrefixes);

/** Party red on a calm grey workbench; CJK fonts first so Chinese renders crisply. */
const gongzhiTheme = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: '#c8161d',
    colorLink: '#c8161d',
    borderRadius: 8,
    fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#fff', siderBg: '#fff', bodyBg: '#f5f6f8' },
    Menu: { itemSelectedBg: '#fff1f0', itemSelectedColor: '#c8161d', itemBorderRadius: 8 },
    Card: { borderRadiusLG: 12 },
  },
};

/** Providers (theme, language, auth, antd message context) around the router. */
export function Shell() {
  const [router] = useState(createAppRouter);
  return (
    <AppErrorBoundary>
      <ConfigProvider theme={gongzhiTheme}>
        <I18nProvider>
          <AntApp>
            <AuthProvider>
              <RouterProvider router={router} />
            </AuthProvider>
          </AntApp>
        </I18nProvider>
      </ConfigProvider>
    </AppErrorBoundary>
  );
}
