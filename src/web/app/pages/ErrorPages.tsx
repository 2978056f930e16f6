import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { NotFoundResult } from '../components/Results';
import { translate, useI18n, type Locale } from '../i18n';

function Crashed({ detail }: { detail?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="500"
      title={t('error.pageCrashed')}
      subTitle={t('error.pageCrashedText')}
      extra={<Button type="primary" onClick={() => window.location.reload()}>{t('error.reload')}</Button>}
    >
      {detail && import.meta.env.DEV && <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{detail}</pre>}
    </Result>
  );
}

/** Error element of the router: a page that threw while rendering or loading. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundResult />;
  console.error(error);
  return <Crashed detail={error instanceof Error ? error.stack : String(error)} />;
}

/**
 * Last line of defence around the whole app (providers included). It cannot use hooks, so it
 * reads the saved language itself.
 */
export class AppErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('app crashed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    let locale: Locale = 'zh-CN';
    try {
      if (localStorage.getItem('gongzhi.locale') === 'en') locale = 'en';
    } catch {
      // keep Chinese
    }
    return (
      <Result
        status="500"
        title={translate(locale, 'error.pageCrashed')}
        subTitle={translate(locale, 'error.pageCrashedText')}
        extra={<Button type="primary" onClick={() => window.location.reload()}>{translate(locale, 'error.reload')}</Button>}
      />
    );
  }
}
