import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';

/** The server's message for an error, in the user's language when we know the code. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    const code = (error as ApiError | undefined)?.code;
    const known = code ? t(`error.${code}`) : '';
    if (code && known !== `error.${code}`) return known;
    return error instanceof Error && error.message ? error.message : t('error.generic');
  };
}

/** A failed load: 404 reads as "not found or not yours", others offer a retry. */
export function ApiErrorResult({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText();
  if (error.status === 404) {
    return <Result status="404" title={t('error.NOT_FOUND')} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />;
  }
  if (error.status === 403) return <NoAccess />;
  return (
    <Result
      status="error"
      title={t('error.generic')}
      subTitle={text(error)}
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}

export function NoAccess() {
  const { t } = useI18n();
  return <Result status="403" title={t('error.noAccess')} subTitle={t('error.noAccessText')} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />;
}

export function NotFoundResult({ home = '/' }: { home?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.pageNotFound')}
      subTitle={t('error.pageNotFoundText')}
      extra={<Link to={home}><Button type="primary">{t('common.backHome')}</Button></Link>}
    />
  );
}
