import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Form, Input, InputNumber, Modal, Radio, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { feesApi, yuan, type Bill } from '../api';

const statusColour = { unpaid: 'red', partial: 'orange', paid: 'green' } as const;

export function StatusTag({ bill }: { bill: Pick<Bill, 'status' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tag color={statusColour[bill.status]}>{t(`fees.status.${bill.status}`)}</Tag>
      {bill.overdue && <Tag color="volcano">{t('fees.status.overdue')}</Tag>}
    </Space>
  );
}

/** 收款 and 减免 for the collector, each in a modal; money typed in yuan, sent in fen. */
export function BillActions({ bill, onDone }: { bill: Bill; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'collect' | 'adjust' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const open = (m: 'collect' | 'adjust') => {
    form.setFieldsValue(m === 'collect' ? { method: 'cash', amount: bill.outstandingFen / 100, note: '' } : { kind: 'discount', amount: undefined, reason: '' });
    setMode(m);
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const amountFen = Math.round(Number(v.amount) * 100);
      if (mode === 'collect') {
        const r = await feesApi.pay(bill.id, { method: v.method, amountFen, note: v.note || undefined });
        message.success(t('fees.collected', { receipt: r.payment?.receiptNo ?? '' }));
      } else {
        await feesApi.adjust(bill.id, { kind: v.kind, amountFen, reason: v.reason });
        message.success(t('fees.adjusted'));
      }
      setMode(null);
      onDone();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (bill.outstandingFen === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      <Space size={4}>
        <Button size="small" type="primary" onClick={() => open('collect')} data-testid={`collect-${bill.id}`}>{t('fees.collect')}</Button>
        <Button size="small" onClick={() => open('adjust')}>{t('fees.adjust')}</Button>
      </Space>
      <Modal open={mode !== null} title={t(mode === 'adjust' ? 'fees.adjustTitle' : 'fees.collectTitle', { household: bill.household.label })} onCancel={() => setMode(null)} onOk={submit} confirmLoading={busy} destroyOnHidden>
        {mode === 'collect' && <Typography.Paragraph type="secondary">{t('fees.collectHint')}</Typography.Paragraph>}
        <Form form={form} layout="vertical" preserve={false}>
          {mode === 'collect' ? (
            <Form.Item name="method" label={t('fees.method')}>
              <Radio.Group optionType="button" options={[{ value: 'cash', label: t('fees.method.cash') }, { value: 'transfer', label: t('fees.method.transfer') }]} />
            </Form.Item>
          ) : (
            <Form.Item name="kind" label={t('fees.adjust')}>
              <Radio.Group optionType="button" options={[{ value: 'discount', label: t('fees.adjust.discount') }, { value: 'waiver', label: t('fees.adjust.waiver') }]} />
            </Form.Item>
          )}
          <Form.Item name="amount" label={t('fees.amountYuan')} rules={[{ required: true }]}>
            <InputNumber min={0.01} step={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          {mode === 'collect'
            ? <Form.Item name="note" label={t('fees.note')}><Input maxLength={200} /></Form.Item>
            : <Form.Item name="reason" label={t('fees.adjust.reason')} rules={[{ required: true, min: 2 }]}><Input.TextArea maxLength={500} rows={3} /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}

/** Lines, adjustments and payments (with receipts) of one bill, loaded when its row opens. */
export function BillDetailPanel({ billId }: { billId: number }) {
  const { t } = useI18n();
  const detail = useApi((signal) => feesApi.bill(billId, signal), [billId]);
  const d = detail.data;
  if (!d) return <Skeleton active paragraph={{ rows: 2 }} />;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
      <Descriptions size="small" column={1} bordered items={d.lines.map((l) => ({
        key: l.code, label: l.name,
        children: `${l.basis === 'area' ? `${(l.quantity / 100).toFixed(2)} m² × ${yuan(l.rateFen)}` : yuan(l.rateFen)} = ${yuan(l.amountFen)}`,
      })).concat(d.adjustments.map((a) => ({ key: `a${a.id}`, label: t(a.kind === 'late_fee' ? 'fees.lateFee' : `fees.adjust.${a.kind}`), children: `${yuan(a.amountFen)} · ${a.reason}` })))} />
      <Table size="small" rowKey="id" pagination={false} dataSource={d.payments} locale={{ emptyText: t('fees.status.unpaid') }} columns={[
        { title: t('fees.receipt'), dataIndex: 'receiptNo', render: (v: string, p) => <a href={p.receiptUrl} target="_blank" rel="noreferrer"><FilePdfOutlined /> {v}</a> },
        { title: t('fees.method'), dataIndex: 'method', render: (v: string) => t(`fees.method.${v}`) },
        { title: t('fees.bill.paid'), dataIndex: 'allocatedFen', align: 'right', render: (v: number) => yuan(v) },
        { title: t('fees.paidAt'), dataIndex: 'paidAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
      ]} />
    </div>
  );
}
