import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { feesApi, yuan } from '../api';

/**
 * The fake payment provider's checkout (the demo's stand-in for WeChat Pay / Alipay): the
 * resident confirms, the provider sends its signed callback, the server books the payment.
 */
export default function CheckoutPage() {
  const { ref = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const order = useApi((signal) => feesApi.checkout(ref, signal), [ref]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  if (order.error) return <ApiErrorResult error={order.error} onRetry={order.reload} />;
  const o = order.data;
  if (!o) return <Skeleton active paragraph={{ rows: 5 }} />;
  const finish = async (succeed: boolean) => {
    setBusy(true);
    try {
      setOutcome((await feesApi.complete(ref, succeed)).outcome);
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const done = outcome ?? (o.state === 'pending' ? null : o.state);
  if (done === 'paid') {
    return <Result data-testid="checkout-paid" icon={<CheckCircleFilled style={{ color: '#52c41a' }} />} title={t('fees.checkout.paid')} subTitle={`${yuan(o.amountFen)} · ${t('fees.checkout.paidText')}`}
      extra={<Link to="/m/fees"><Button type="primary" size="large">{t('fees.checkout.back')}</Button></Link>} />;
  }
  if (done === 'failed') {
    return <Result icon={<CloseCircleFilled style={{ color: '#bfbfbf' }} />} title={t('fees.checkout.failed')} extra={<Link to="/m/fees"><Button size="large">{t('fees.checkout.back')}</Button></Link>} />;
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="checkout">
      <Card variant="borderless" style={{ textAlign: 'center' }}>
        <div style={{ fontSize: 14, color: 'rgba(0,0,0,0.55)' }}><SafetyCertificateOutlined /> {t('fees.checkout.title')}</div>
        <div style={{ fontSize: 36, fontWeight: 700, margin: '8px 0' }}>{yuan(o.amountFen)}</div>
        <Descriptions column={1} size="small" items={[
          { key: 'payee', label: t('fees.checkout.payee'), children: o.payeeName },
          { key: 'compound', label: t('fees.compound'), children: o.compoundName },
          { key: 'ref', label: t('fees.checkout.order'), children: <span style={{ fontSize: 12 }}>{o.ref}</span> },
        ]} />
      </Card>
      <Alert type="info" showIcon message={t('fees.checkout.demo')} />
      <Button type="primary" size="large" style={{ height: 50, fontSize: 17 }} loading={busy} onClick={() => finish(true)} data-testid="checkout-confirm">{t('fees.checkout.confirm', { amount: yuan(o.amountFen) })}</Button>
      <Button size="large" disabled={busy} onClick={() => finish(false)}>{t('fees.checkout.cancel')}</Button>
    </div>
  );
}
