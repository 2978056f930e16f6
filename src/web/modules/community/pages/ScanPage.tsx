import { Button, Result, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { useIdParam } from '../../../app/useIdParam';
import { communityApi, fmtTime, type Checkin } from '../api';

/**
 * The page a phone's camera opens from the activity's QR: the code is in the URL it encodes
 * (`?step=checkin&code=…`); the page sends it once and shows the outcome.
 */
export default function ScanPage() {
  const { t } = useI18n();
  const id = useIdParam('activityId');
  const [params] = useSearchParams();
  const step = params.get('step') === 'checkout' ? 'checkout' : 'checkin';
  const code = params.get('code') ?? '';
  const [done, setDone] = useState<Checkin>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!id || !code) return;
    let cancelled = false;
    (step === 'checkin' ? communityApi.checkIn(id, { code }) : communityApi.checkOut(id, { code }))
      .then((c) => { if (!cancelled) setDone(c); })
      .catch((err: unknown) => { if (!cancelled) setError(err instanceof ApiError ? err.message : String(err)); });
    return () => { cancelled = true; };
  }, [id, code, step]);
  const back = <Link to={`/m/activities/${id}`}><Button>{t('community.activities')}</Button></Link>;
  if (error) return <Result status="warning" title={step === 'checkin' ? t('community.scanCheckin') : t('community.scanCheckout')} subTitle={<span data-testid="scan-error">{error}</span>} extra={back} />;
  if (!done) return <Skeleton active />;
  return (
    <Result status="success" title={<span data-testid="scan-done">{step === 'checkin' ? t('community.scanCheckin') : t('community.scanCheckout')} · {t('community.scanDone')}</span>}
      subTitle={done.checkedOutAt ? t('community.checkedOut', { minutes: done.minutes ?? 0 }) : t('community.checkedIn', { time: fmtTime(done.checkedInAt) })} extra={back} />
  );
}
