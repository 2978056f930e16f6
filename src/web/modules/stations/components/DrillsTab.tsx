import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { stationsApi, type Drill, type StationDetail } from '../api';
import { fmtTime } from '../format';
import { useSubmit } from '../hooks/useSubmit';

/** 培训演练: when, what was practised, who came. */
export function DrillsTab({ station, version, onChanged }: { station: StationDetail; version: number; onChanged: () => void }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const list = useApi((signal) => stationsApi.drills(station.id, { page, pageSize: 10 }, signal), [station.id, page, version]);
  return (
    <div data-testid="drills-tab">
      {station.abilities.manage && <div style={{ textAlign: 'right', marginBottom: 8 }}><Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('stations.drills.add')}</Button></div>}
      <List<Drill> loading={list.loading} dataSource={list.data?.items} itemLayout="vertical"
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        renderItem={(d) => {
          const present = new Set(d.attendees.map((a) => a.teamMemberId));
          const absent = station.team.filter((m) => m.active && !present.has(m.id)).map((m) => m.name);
          return (
            <List.Item key={d.id} data-testid="drill">
              <Space wrap size={6}>
                <Tag color={d.kind === 'training' ? 'blue' : 'volcano'}>{t(`stations.drillKind.${d.kind}`)}</Tag>
                <Typography.Text strong>{d.title}</Typography.Text>
              </Space>
              <div style={{ margin: '6px 0', color: '#595959' }}>
                {fmtTime(d.heldAt)} · {t('stations.drills.minutes', { minutes: d.durationMinutes })}{d.location ? ` · ${d.location}` : ''}{d.trainer ? ` · ${t('stations.drills.trainer', { trainer: d.trainer })}` : ''}
              </div>
              <div style={{ marginBottom: 6 }}>{d.practised.map((p) => <Tag key={p} color="geekblue">{p}</Tag>)}</div>
              <Typography.Text><TeamOutlined /> {t('stations.drills.attendance', { present: d.attendees.length, total: d.teamSize })}</Typography.Text>
              <Typography.Text type="secondary"> {d.attendees.map((a) => a.name).join('、')}</Typography.Text>
              {absent.length > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stations.drills.absent', { names: absent.join('、') })}</Typography.Text></div>}
              {d.itemsUsed > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stations.drills.itemsUsed', { n: d.itemsUsed })}</Typography.Text></div>}
              {d.notes && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>{d.notes}</Typography.Paragraph>}
            </List.Item>
          );
        }} />
      {adding && <DrillModal station={station} onClose={() => setAdding(false)} onDone={onChanged} />}
    </div>
  );
}

interface DrillValues { kind: 'training' | 'drill'; title: string; heldAt: Dayjs; durationMinutes: number; location?: string; trainer?: string; practised: string[]; notes?: string; attendeeIds: number[] }

function DrillModal({ station, onClose, onDone }: { station: StationDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<DrillValues>();
  const { busy, run } = useSubmit(() => { onDone(); onClose(); });
  const team = station.team.filter((m) => m.active);
  return (
    <Modal open width={620} title={t('stations.drills.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.form.save')} destroyOnHidden>
      <Form<DrillValues> form={form} layout="vertical" initialValues={{ kind: 'drill', heldAt: dayjs().startOf('hour'), durationMinutes: 90, practised: [], attendeeIds: team.map((m) => m.id) }}
        onFinish={(v) => run(async () => {
          await stationsApi.recordDrill(station.id, { ...v, heldAt: v.heldAt.format(), location: v.location || null, trainer: v.trainer || null, notes: v.notes || null });
          return t('stations.form.saved');
        })}>
        <Form.Item name="kind"><Radio.Group optionType="button" options={[{ value: 'training', label: t('stations.drillKind.training') }, { value: 'drill', label: t('stations.drillKind.drill') }]} /></Form.Item>
        <Form.Item name="title" label={t('stations.drills.title')} rules={[{ required: true, min: 2, max: 80 }]}><Input /></Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="heldAt" label={t('stations.drills.heldAt')} rules={[{ required: true }]} style={{ flex: 1 }}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
          <Form.Item name="durationMinutes" label={t('stations.drills.duration')} style={{ width: 140 }}><InputNumber min={1} max={1440} style={{ width: '100%' }} /></Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="location" label={t('stations.drills.location')} rules={[{ max: 100 }]} style={{ flex: 1 }}><Input /></Form.Item>
          <Form.Item name="trainer" label={t('stations.drills.trainerLabel')} rules={[{ max: 60 }]} style={{ flex: 1 }}><Input /></Form.Item>
        </div>
        <Form.Item name="practised" label={t('stations.drills.practised')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="tags" options={['液压破拆工具组操作', '漏电检测仪使用', '挪车器移车', '心肺复苏', 'AED使用', '沙袋围堵', '排水泵架设', '干粉灭火器使用', '疏散引导', '关阀止水'].map((p) => ({ value: p, label: p }))} />
        </Form.Item>
        <Form.Item name="attendeeIds" label={t('stations.drills.attendees')}>
          <Checkbox.Group options={team.map((m) => ({ value: m.id, label: m.name }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('stations.form.note')} rules={[{ max: 1000 }]}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
