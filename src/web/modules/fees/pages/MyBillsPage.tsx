import { CheckCircleFilled, FilePdfOutlined, WalletOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { feesApi, yuan, type Bill } from '../api';
import { StatusTag } from '../components/BillParts';

function BillCard({ bill, onPay, paying }: { bill: Bill; onPay: (b: Bill) => void; paying: boolean }) {
  const { t } = useI18n();
  const detail = useApi((signal) => feesApi.bill(bill.id, signal), [bill.id, bill.paidFen], bill.paidFen > 0);
  return (
    <Card size="small" variant="borderless" data-testid={`bill-${bill.id}`} data-status={bill.status}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Text strong style={{ fontSize: 16 }}>{bill.period} {t('fees.title')}</Typography.Text>
        <StatusTag bill={bill} />
      </div>
      <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13, margin: '6px 0' }}>
        {bill.lines.map((l) => `${l.name} ${yuan(l.amountFen)}`).join(' · ')}
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <span style={{ fontSize: 13 }}>{t('fees.bill.due')} {bill.dueDate}</span>
        <span style={{ fontSize: 18, fontWeight: 700, color: bill.outstandingFen > 0 ? '#c8161d' : undefined }}>{yuan(bill.outstandingFen > 0 ? bill.outstandingFen : bill.amountFen + bill.adjustFen)}</span>
      </div>
      {bill.outstandingFen > 0 && (
        <Button block type="primary" style={{ marginTop: 10, height: 44 }} loading={paying} onClick={() => onPay(bill)} data-testid={`pay-${bill.id}`}>{t('fees.mine.payThis')}</Button>
      )}
      {detail.data?.payments.map((p) => (
        <a key={p.id} href={p.receiptUrl} target="_blank" rel="noreferrer" style={{ display: 'block', marginTop: 8, fontSize: 13 }}><FilePdfOutlined /> {t('fees.mine.receipt')} {p.receiptNo}</a>
      ))}
    </Card>
  );
}

/** 我的账单 — what my household owes, paid online through the provider's checkout, with receipts. */
export default function MyBillsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const bills = useApi((signal) => feesApi.bills({ pageSize: 24 }, signal), []);
  const [paying, setPaying] = useState<number | null>(null);
  if (bills.error) return <ApiErrorResult error={bills.error} onRetry={bills.reload} />;
  if (!bills.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  const items = bills.data.items;
  const owed = items.reduce((s, b) => s + b.outstandingFen, 0);
  const oldestOpen = [...items].reverse().find((b) => b.outstandingFen > 0);
  const newestOpen = items.find((b) => b.outstandingFen > 0);
  const pay = async (bill: Bill) => {
    setPaying(bill.id);
    try {
      const r = await feesApi.pay(bill.id, { method: 'online' });
      if (r.intent) navigate(`/m/fees/checkout/${r.intent.ref}`);
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setPaying(null);
    }
  };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="my-bills">
      <section className="gz-home-card">
        <div style={{ fontSize: 13, opacity: 0.85 }}><WalletOutlined /> {t('fees.mine.owed')}</div>
        <div style={{ fontSize: 32, fontWeight: 700, letterSpacing: 1 }} data-testid="owed-total">{yuan(owed)}</div>
        {owed > 0 && oldestOpen ? (
          <>
            <div style={{ fontSize: 13, opacity: 0.9 }}>{oldestOpen.period === newestOpen?.period ? oldestOpen.period : `${oldestOpen.period} — ${newestOpen?.period}`} · {t('fees.mine.oldestFirst')}</div>
            <Button size="large" style={{ marginTop: 12, width: '100%', height: 46, fontWeight: 600 }} onClick={() => newestOpen && pay(newestOpen)} loading={paying === newestOpen?.id} data-testid="pay-all">{t('fees.mine.payAll')}</Button>
          </>
        ) : <div style={{ marginTop: 6 }}><CheckCircleFilled /> {t('fees.mine.allPaid')}</div>}
      </section>
      <Typography.Title level={5} style={{ margin: '4px 4px 0' }}>{t('fees.mine.history')} <Tag>{bills.data.total}</Tag></Typography.Title>
      {items.length === 0 ? <Empty description={t('fees.mine.empty')} /> : items.map((b) => <BillCard key={b.id} bill={b} onPay={pay} paying={paying === b.id} />)}
    </div>
  );
}
