import { AuditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../app/auth';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { feesApi } from '../../fees/api';
import { ledgersApi, yuan, type Decision, type DecisionState } from '../api';
import { DecisionStateTag, DecisionTimeline } from '../components/LedgerParts';

const filters: Record<string, DecisionState[] | undefined> = { pending: ['pending_review'], returned: ['returned'], approved: ['approved'], all: undefined };

function ProposeModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const compounds = useApi((signal) => feesApi.compounds(signal), [], open);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await ledgersApi.propose({ compoundId: v.compoundId, kind: v.kind, title: v.title, summary: v.summary, basisRef: v.basisRef || null, amountFen: v.amount ? Math.round(v.amount * 100) : null });
      message.success(t('ledgers.decision.proposed'));
      onDone();
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  return (
    <Modal open={open} title={t('ledgers.decision.propose')} onCancel={onClose} onOk={submit} destroyOnHidden width={580}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'project' }} preserve={false}>
        <Form.Item name="compoundId" label={t('fees.compound')} rules={[{ required: true }]}><Select options={(compounds.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
        <Form.Item name="kind" label={t('ledgers.decision.kind')}><Select options={(['project', 'fee_change', 'fund_use', 'other'] as const).map((k) => ({ value: k, label: t(`ledgers.decision.kind.${k}`) }))} /></Form.Item>
        <Form.Item name="title" label={t('ledgers.disclosure.title')} rules={[{ required: true, min: 2 }]}><Input maxLength={80} /></Form.Item>
        <Form.Item name="summary" label={t('ledgers.decision.summary')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>
        <Form.Item name="basisRef" label={t('ledgers.decision.basis')} extra={t('ledgers.decision.basisHint')} rules={[{ pattern: /^(vote-matter|meeting-decision):\d+$/ }]}><Input placeholder="vote-matter:12" /></Form.Item>
        <Form.Item name="amount" label={t('ledgers.amountYuan')}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 重大事项审核 — projects, fee changes and fund use, reviewed by the community party organisation before they take effect. */
export default function DecisionsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const [tab, setTab] = useState(can('ledgers:review') ? 'pending' : 'all');
  const [page, setPage] = useState(1);
  const [proposing, setProposing] = useState(false);
  const list = useApi((signal) => ledgersApi.decisions({ state: filters[tab], page, pageSize: 10 }, signal), [tab, page]);
  const review = (d: Decision, action: 'approve' | 'return' | 'resubmit') => {
    let reason = '';
    modal.confirm({
      title: t(`ledgers.decision.confirm.${action}`, { title: d.title }),
      content: <Input.TextArea rows={3} placeholder={t(action === 'return' ? 'ledgers.decision.reasonRequired' : 'ledgers.decision.reasonOptional')} onChange={(e) => (reason = e.target.value)} data-testid="review-reason" />,
      okText: t(`ledgers.decision.action.${action}`),
      onOk: async () => {
        try {
          await ledgersApi.review(d.id, action, reason);
          message.success(t('ledgers.decision.reviewed'));
          list.reload();
        } catch (err) {
          message.error((err as Error).message);
          throw err;
        }
      },
    });
  };
  if (list.error) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <div data-testid="decisions-page">
      <PageHeading title={t('ledgers.decision.title')} subtitle={t('ledgers.decision.subtitle')}
        extra={can('ledgers:propose') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>{t('ledgers.decision.propose')}</Button>} />
      <Card variant="borderless" title={<Segmented value={tab} onChange={(v) => { setTab(String(v)); setPage(1); }} options={Object.keys(filters).map((k) => ({ value: k, label: t(`ledgers.decision.filter.${k}`) }))} />}>
        <Table<Decision> rowKey="id" loading={list.loading} dataSource={list.data?.items} key={`${tab}-${page}-${list.data ? 'loaded' : 'loading'}`}
          pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
          expandable={{ defaultExpandAllRows: tab === 'pending', expandedRowRender: (d) => <div style={{ padding: '8px 24px' }}><Typography.Paragraph>{d.summary}</Typography.Paragraph><DecisionTimeline decision={d} /></div> }}
          columns={[
            { title: '#', dataIndex: 'id', width: 60 },
            { title: t('ledgers.disclosure.title'), dataIndex: 'title', render: (v: string, d) => <Space direction="vertical" size={0}><Typography.Text strong>{v}</Typography.Text><Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.compoundName}</Typography.Text></Space> },
            { title: t('ledgers.decision.kind'), dataIndex: 'kind', width: 110, render: (v: string) => <Tag>{t(`ledgers.decision.kind.${v}`)}</Tag> },
            { title: t('ledgers.decision.basis'), dataIndex: 'basisRef', width: 140, render: (v: string | null) => v ?? '—' },
            { title: t('ledgers.amountYuan'), dataIndex: 'amountFen', align: 'right', width: 130, render: (v: number | null) => (v === null ? '—' : yuan(v)) },
            { title: t('fees.bill.status'), dataIndex: 'state', width: 120, render: (v: DecisionState) => <DecisionStateTag state={v} /> },
            { title: t('fees.bill.actions'), key: 'actions', width: 200, render: (_, d) => (
              <Space>
                {d.canReview && <Button size="small" type="primary" icon={<AuditOutlined />} onClick={() => review(d, 'approve')} data-testid={`approve-${d.id}`}>{t('ledgers.decision.action.approve')}</Button>}
                {d.canReview && <Button size="small" danger onClick={() => review(d, 'return')}>{t('ledgers.decision.action.return')}</Button>}
                {d.state === 'returned' && can('ledgers:propose') && <Button size="small" onClick={() => review(d, 'resubmit')}>{t('ledgers.decision.action.resubmit')}</Button>}
              </Space>
            ) },
          ]} />
      </Card>
      {proposing && <ProposeModal open onClose={() => setProposing(false)} onDone={() => { setProposing(false); list.reload(); }} />}
    </div>
  );
}
