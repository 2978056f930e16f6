import { Button, Form, Input, InputNumber, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { stationsApi, telHref, type Checkout, type CheckoutState, type StationDetail } from '../api';
import { fmtTime } from '../format';
import { useSubmit } from '../hooks/useSubmit';

type Filter = 'out' | 'overdue' | 'returned' | 'consumed' | 'all';
const stateColor: Record<CheckoutState, string> = { out: 'blue', returned: 'green', consumed: 'default' };

/** 领用记录: what is out (and overdue), what came back, what was used up. */
export function CheckoutsTab({ station, version, onChanged }: { station: StationDetail; version: number; onChanged: () => void }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('out');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [returning, setReturning] = useState<Checkout | null>(null);
  const list = useApi((signal) => stationsApi.checkouts(station.id, { state: filter, ...page }, signal), [station.id, filter, page.page, page.pageSize, version]);
  return (
    <div data-testid="checkouts-tab">
      <Segmented<Filter> style={{ marginBottom: 12 }} value={filter} onChange={(v) => { setFilter(v); setPage((p) => ({ ...p, page: 1 })); }}
        options={(['out', 'overdue', 'returned', 'consumed', 'all'] as const).map((f) => ({ value: f, label: t(`stations.checkouts.${f}`) }))} />
      <Table<Checkout>
        rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (p, ps) => setPage({ page: p, pageSize: ps }) }}
        columns={[
          { title: t('stations.checkout.item'), key: 'item', render: (_, c) => <Typography.Text strong>{c.item.name}</Typography.Text> },
          { title: t('stations.checkout.quantity'), key: 'q', width: 110, render: (_, c) => `${c.quantity} ${c.item.unit}${c.lostQuantity ? `（${t('stations.checkouts.lost', { n: c.lostQuantity })}）` : ''}` },
          { title: t('stations.checkout.purpose'), key: 'purpose', width: 150, render: (_, c) => <Space direction="vertical" size={0}><Tag>{t(`stations.purpose.${c.purpose}`)}</Tag>{c.reason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.reason}</Typography.Text>}</Space> },
          {
            title: t('stations.checkouts.who'), key: 'who', width: 170,
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <span>{c.checkedOutBy}</span>
                {c.borrower && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stations.checkouts.borrower', { name: c.borrower.name })}{c.borrower.phone && <> · {station.abilities.contacts ? <a href={telHref(c.borrower.phone)}>{c.borrower.phone}</a> : c.borrower.phone}</>}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('stations.checkouts.at'), dataIndex: 'checkedOutAt', width: 150, render: fmtTime },
          { title: t('stations.checkout.dueAt'), key: 'due', width: 170, render: (_, c) => (c.dueAt ? <span>{fmtTime(c.dueAt)} {c.overdue && <Tag color="red">{t('stations.checkouts.overdueTag')}</Tag>}</span> : '—') },
          { title: t('stations.checkouts.state'), key: 'state', width: 110, render: (_, c) => <Tag color={stateColor[c.state]}>{t(`stations.checkoutState.${c.state}`)}</Tag> },
          {
            title: t('stations.items.actions'), key: 'actions', width: 90,
            render: (_, c) => (c.state === 'out' && station.abilities.checkout ? <Button size="small" onClick={() => setReturning(c)}>{t('stations.checkouts.return')}</Button> : c.returnedAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(c.returnedAt)}</Typography.Text> : null),
          },
        ]}
      />
      {returning && <ReturnModal checkout={returning} onClose={() => setReturning(null)} onDone={onChanged} />}
    </div>
  );
}

/** 归还: all that is out by default; lost or broken units are reported, not put back. */
export function ReturnModal({ checkout, onClose, onDone }: { checkout: Checkout; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ quantity: number; lost: number; note?: string }>();
  const { busy, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: { quantity: number; lost: number; note?: string }) => run(async () => {
    await stationsApi.returnCheckout(checkout.id, { quantity: v.quantity, lost: v.lost ?? 0, note: v.note || null });
    return t('stations.checkouts.returned');
  });
  return (
    <Modal open title={t('stations.checkouts.returnTitle', { name: checkout.item.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.checkouts.return')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ quantity: checkout.outstanding, lost: 0 }}>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="quantity" label={t('stations.checkouts.returnQuantity', { unit: checkout.item.unit })} style={{ flex: 1 }}><InputNumber min={0} max={checkout.outstanding} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="lost" label={t('stations.checkouts.lostQuantity')} style={{ flex: 1 }}><InputNumber min={0} max={checkout.outstanding} style={{ width: '100%' }} /></Form.Item>
        </div>
        <Form.Item name="note" label={t('stations.form.note')} rules={[{ max: 200 }]}><Input placeholder={t('stations.checkouts.notePlaceholder')} /></Form.Item>
      </Form>
    </Modal>
  );
}
