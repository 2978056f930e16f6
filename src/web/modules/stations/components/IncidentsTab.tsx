import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { incidentKinds, stationsApi, type Incident, type IncidentKind, type StationDetail } from '../api';
import { fmtTime } from '../format';
import { useSubmit } from '../hooks/useSubmit';

const kindColor: Partial<Record<IncidentKind, string>> = { burst_pipe: 'blue', flooding: 'cyan', fire: 'red', power: 'gold', gas: 'volcano', blocked_car: 'purple', medical: 'magenta' };

/** 应急事件: what happened, who came, what was used, the request it began as. */
export function IncidentsTab({ station, version, onChanged }: { station: StationDetail; version: number; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<Incident | null>(null);
  const list = useApi((signal) => stationsApi.incidents(station.id, page, signal), [station.id, page.page, page.pageSize, version]);
  return (
    <div data-testid="incidents-tab">
      {station.abilities.checkout && <div style={{ textAlign: 'right', marginBottom: 8 }}><Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('stations.incidents.add')}</Button></div>}
      <Table<Incident> rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, onChange: (p, ps) => setPage({ page: p, pageSize: ps }), showTotal: (total) => t('common.total', { total }) }}
        expandable={{ expandedRowRender: (i) => <Typography.Paragraph style={{ margin: 0 }}>{i.description ?? '—'}{i.outcome && <><br /><Typography.Text strong>{t('stations.incidents.outcome')}：</Typography.Text>{i.outcome}</>}</Typography.Paragraph> }}
        columns={[
          { title: t('stations.incidents.when'), dataIndex: 'occurredAt', width: 150, render: fmtTime },
          { title: t('stations.incidents.kind'), dataIndex: 'kind', width: 110, render: (k: IncidentKind) => <Tag color={kindColor[k]}>{t(`stations.incident.${k}`)}</Tag> },
          {
            title: t('stations.incidents.what'), dataIndex: 'title',
            render: (title: string, i) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[i.coverage?.name, i.locationText].filter(Boolean).join(' · ')}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('stations.incidents.request'), dataIndex: 'requestId', width: 110,
            render: (id: number | null) => (id === null ? '—' : can('requests:read') ? <Link to={`/requests/${id}`}>#{id}</Link> : `#${id}`),
          },
          { title: t('stations.incidents.responders'), key: 'r', width: 180, render: (_, i) => i.responders.map((r) => r.name).join('、') || '—' },
          { title: t('stations.incidents.used'), key: 'u', width: 200, render: (_, i) => (i.used.length ? i.used.map((u) => <Tag key={u.checkoutId}>{u.itemName} ×{u.quantity}</Tag>) : '—') },
          {
            title: t('stations.checkouts.state'), key: 's', width: 120,
            render: (_, i) => (i.state === 'open'
              ? <Space size={4}><Tag color="processing">{t('stations.incidents.open')}</Tag>{station.abilities.checkout && <Button size="small" type="link" onClick={() => setClosing(i)}>{t('stations.incidents.close')}</Button>}</Space>
              : <Tag>{t('stations.incidents.closed')}</Tag>),
          },
        ]} />
      {adding && <IncidentModal station={station} onClose={() => setAdding(false)} onDone={onChanged} />}
      {closing && <CloseIncidentModal incident={closing} onClose={() => setClosing(null)} onDone={onChanged} />}
    </div>
  );
}

interface IncidentValues { kind: IncidentKind; title: string; occurredAt: Dayjs; locationText?: string; coverageId?: number; requestId?: number | null; responderIds: number[]; description?: string }

function IncidentModal({ station, onClose, onDone }: { station: StationDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<IncidentValues>();
  const { busy, run } = useSubmit(() => { onDone(); onClose(); });
  return (
    <Modal open width={620} title={t('stations.incidents.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.form.save')} destroyOnHidden>
      <Form<IncidentValues> form={form} layout="vertical" initialValues={{ kind: 'burst_pipe', occurredAt: dayjs(), responderIds: [] }}
        onFinish={(v) => run(async () => {
          await stationsApi.logIncident(station.id, { ...v, occurredAt: v.occurredAt.format(), locationText: v.locationText || null, coverageId: v.coverageId ?? null, requestId: v.requestId ?? null, description: v.description || null });
          return t('stations.form.saved');
        })}>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="kind" label={t('stations.incidents.kind')} style={{ width: 160 }}><Select options={incidentKinds.map((k) => ({ value: k, label: t(`stations.incident.${k}`) }))} /></Form.Item>
          <Form.Item name="title" label={t('stations.incidents.what')} rules={[{ required: true, min: 2, max: 80 }]} style={{ flex: 1 }}><Input /></Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="occurredAt" label={t('stations.incidents.when')} rules={[{ required: true }]} style={{ flex: 1 }}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="requestId" label={t('stations.incidents.requestId')} style={{ width: 160 }}><InputNumber min={1} style={{ width: '100%' }} placeholder="#" /></Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="coverageId" label={t('stations.incidents.where')} style={{ flex: 1 }}>
            <Select allowClear showSearch optionFilterProp="label" options={station.coverageList.map((c) => ({ value: c.id, label: `${c.name}（${t(`stations.coverage.${c.kind}`)}）` }))} />
          </Form.Item>
          <Form.Item name="locationText" label={t('stations.incidents.location')} rules={[{ max: 200 }]} style={{ flex: 1 }}><Input /></Form.Item>
        </div>
        <Form.Item name="responderIds" label={t('stations.incidents.responders')}>
          <Select mode="multiple" options={station.team.filter((m) => m.active).map((m) => ({ value: m.id, label: m.name }))} />
        </Form.Item>
        <Form.Item name="description" label={t('stations.incidents.description')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}

function CloseIncidentModal({ incident, onClose, onDone }: { incident: Incident; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ outcome: string }>();
  const { busy, run } = useSubmit(() => { onDone(); onClose(); });
  return (
    <Modal open title={t('stations.incidents.closeTitle', { title: incident.title })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.incidents.close')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => run(async () => { await stationsApi.closeIncident(incident.id, v); return t('stations.form.saved'); })}>
        <Form.Item name="outcome" label={t('stations.incidents.outcome')} rules={[{ required: true, min: 2, max: 1000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
