import { CheckCircleFilled, CloseCircleFilled, ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Collapse, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { stationsApi, telHref, type KeyHolder, type RollCall, type StationDetail } from '../api';
import { fmtTime } from '../format';
import { useSubmit } from '../hooks/useSubmit';

/** 钥匙与点名: who holds which key, the latest roll call and its answers, and the history. */
export function KeysTab({ station, version, onChanged }: { station: StationDetail; version: number; onChanged: () => void }) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const history = useApi((signal) => stationsApi.rollCalls(station.id, { pageSize: 12 }, signal), [station.id, version]);
  const toggle = useSubmit(onChanged);
  const manage = station.abilities.manage;
  return (
    <Row gutter={[16, 16]} data-testid="keys-tab">
      <Col xs={24} xxl={14}>
        <Card size="small" variant="outlined" title={t('stations.keys.holders')} extra={manage && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('stations.keys.add')}</Button>}>
          <Table<KeyHolder> rowKey="id" size="small" pagination={false} dataSource={station.keyHolders}
            rowClassName={(h) => (h.active ? '' : 'gz-station-row-retired')}
            columns={[
              { title: t('stations.keys.name'), dataIndex: 'name', width: 110, render: (n: string, h) => <Space size={4}><Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{n}</Typography.Text>{!h.active && <Tag>{t('stations.keys.retired')}</Tag>}</Space> },
              { title: t('stations.keys.side'), key: 'side', render: (_, h) => <span><Tag color={h.side === 'property' ? 'blue' : 'red'}>{t(`stations.side.${h.side}`)}</Tag>{h.organisation}</span> },
              { title: t('stations.keys.key'), dataIndex: 'keyLabel' },
              { title: t('stations.keys.phone'), dataIndex: 'phone', render: (p: string | null) => (p && station.abilities.contacts ? <a href={telHref(p)}>{p}</a> : p ?? '—') },
              { title: t('stations.keys.confirm'), dataIndex: 'hasAccount', width: 100, render: (a: boolean) => <Typography.Text type="secondary">{a ? t('stations.keys.viaApp') : t('stations.keys.viaCall')}</Typography.Text> },
              ...(manage ? [{
                title: '', key: 'a', width: 70,
                render: (_: unknown, h: KeyHolder) => <Button type="link" size="small" loading={toggle.busy} onClick={() => toggle.run(async () => { await stationsApi.updateKeyHolder(h.id, { active: !h.active }); return undefined; })}>{h.active ? t('stations.keys.retire') : t('stations.keys.reinstate')}</Button>,
              }] : []),
            ]} />
        </Card>
      </Col>
      <Col xs={24} xxl={10}>
        <Card size="small" variant="outlined" title={t('stations.keys.latest')}>
          {station.latestRollCall ? <RollCallView rc={station.latestRollCall} manage={manage} onChanged={onChanged} /> : <Typography.Text type="secondary">{t('stations.keys.none')}</Typography.Text>}
        </Card>
      </Col>
      <Col span={24}>
        <Collapse size="small" items={[{
          key: 'h', label: t('stations.keys.history', { n: history.data?.total ?? 0 }),
          children: (history.data?.items ?? []).map((rc) => <div key={rc.id} style={{ marginBottom: 12 }}><RollCallView rc={rc} manage={false} onChanged={onChanged} /></div>),
        }]} />
      </Col>
      {adding && <KeyHolderModal station={station} onClose={() => setAdding(false)} onDone={onChanged} />}
    </Row>
  );
}

function RollCallView({ rc, manage, onChanged }: { rc: RollCall; manage: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const record = useSubmit(onChanged);
  const confirmed = rc.answers.filter((a) => a.answer === 'has_key').length;
  return (
    <div data-testid="roll-call" data-roll-call-id={rc.id}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={rc.open ? 'processing' : 'default'}>{rc.open ? t('stations.keys.open') : t('stations.keys.closed')}</Tag>
        <Typography.Text type="secondary">{t('stations.keys.window', { from: fmtTime(rc.startedAt), to: fmtTime(rc.dueAt) })}</Typography.Text>
        <Typography.Text type="secondary">{rc.startedBy ?? t('stations.keys.byScheduler')}</Typography.Text>
        <Typography.Text strong>{t('stations.keys.tally', { confirmed, total: rc.answers.length })}</Typography.Text>
      </Space>
      {rc.answers.map((a) => (
        <div key={a.id} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 0' }}>
          {a.answer === 'has_key' ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : a.answer === 'key_missing' ? <CloseCircleFilled style={{ color: '#cf1322' }} /> : <ClockCircleOutlined style={{ color: '#d48806' }} />}
          <span style={{ minWidth: 64 }}>{a.holderName}</span>
          <Typography.Text type="secondary" style={{ flex: 1 }}>{a.keyLabel}</Typography.Text>
          {a.answer ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`stations.answer.${a.answer}`)} · {fmtTime(a.answeredAt)}{a.onBehalf ? ` · ${a.note ?? t('stations.keys.onBehalf')}` : ''}</Typography.Text>
          ) : manage ? (
            <Space size={4}>
              <Button size="small" loading={record.busy} onClick={() => record.run(async () => { await stationsApi.recordRollCall(rc.id, { keyHolderId: a.keyHolderId, answer: 'has_key' }); return t('stations.keys.recorded'); })}>{t('stations.keys.recordHas')}</Button>
              <Button size="small" danger loading={record.busy} onClick={() => record.run(async () => { await stationsApi.recordRollCall(rc.id, { keyHolderId: a.keyHolderId, answer: 'key_missing' }); return t('stations.keys.recorded'); })}>{t('stations.keys.recordMissing')}</Button>
            </Space>
          ) : <Tag color="orange">{t('stations.answer.pending')}</Tag>}
        </div>
      ))}
    </div>
  );
}

function KeyHolderModal({ station, onClose, onDone }: { station: StationDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; phone: string; side: 'property' | 'community'; organisation: string; keyLabel: string }>();
  const { busy, run } = useSubmit(() => { onDone(); onClose(); });
  return (
    <Modal open title={t('stations.keys.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.form.save')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ side: 'community', organisation: station.community.name }}
        onFinish={(v) => run(async () => { await stationsApi.addKeyHolder(station.id, v); return t('stations.form.saved'); })}>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="name" label={t('stations.keys.name')} rules={[{ required: true, max: 60 }]} style={{ flex: 1 }}><Input /></Form.Item>
          <Form.Item name="phone" label={t('stations.keys.phone')} rules={[{ required: true, pattern: /^[0-9+\-() ]{3,20}$/, message: t('stations.form.phoneInvalid') }]} style={{ flex: 1 }}><Input /></Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="side" label={t('stations.keys.side')} style={{ width: 140 }}>
            <Select options={(['community', 'property'] as const).map((s) => ({ value: s, label: t(`stations.side.${s}`) }))}
              onChange={(s) => form.setFieldValue('organisation', s === 'property' ? station.company?.name ?? '' : station.community.name)} />
          </Form.Item>
          <Form.Item name="organisation" label={t('stations.keys.organisation')} rules={[{ required: true, max: 60 }]} style={{ flex: 1 }}><Input /></Form.Item>
        </div>
        <Form.Item name="keyLabel" label={t('stations.keys.key')} rules={[{ required: true, max: 40 }]}><Input placeholder={t('stations.keys.keyPlaceholder')} /></Form.Item>
      </Form>
    </Modal>
  );
}
