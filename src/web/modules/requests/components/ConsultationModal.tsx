import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { limits } from '../../../../shared/limits';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { requestsApi } from '../api/requests';
import type { AssigneeKind, RequestSummary } from '../api/types';
import { useModalSubmit } from '../hooks/useModalSubmit';
import { assigneeOptions, assigneeTarget } from './assignee';

const sides = ['party', 'property', 'owners', 'community', 'other'] as const;

interface Values {
  heldAt: Dayjs;
  place?: string;
  attendees: { side: (typeof sides)[number]; name: string; organisation?: string }[];
  decision: string;
  actions: { owner: string; task: string; dueAt: Dayjs }[];
  outcome: 'record' | 'dispatch' | 'resolve';
  assigneeKind?: AssigneeKind;
  target?: number;
}

/** 三方会诊: who met, what they decided, who does what by when, and where the request goes next. */
export function ConsultationModal({ request, open, onClose, onDone }: { request: RequestSummary; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useModalSubmit(() => { onDone(); onClose(); });
  const outcome = Form.useWatch('outcome', form);
  const kind = Form.useWatch('assigneeKind', form) ?? 'property_company';
  const assignees = useApi((signal) => requestsApi.assignees(request.id, signal), [request.id], open && outcome === 'dispatch');
  const targets = assigneeOptions(assignees.data, kind);

  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await requestsApi.consult(request.id, {
        heldAt: v.heldAt.toISOString(),
        place: v.place?.trim() || null,
        attendees: v.attendees.map((x) => ({ side: x.side, name: x.name.trim(), ...(x.organisation?.trim() ? { organisation: x.organisation.trim() } : {}) })),
        decision: v.decision.trim(),
        actions: (v.actions ?? []).map((x) => ({ owner: x.owner.trim(), task: x.task.trim(), dueAt: x.dueAt.format('YYYY-MM-DD') })),
        outcome: v.outcome,
        dispatchTo: v.outcome === 'dispatch' ? assigneeTarget(v.assigneeKind ?? 'property_company', v.target) : undefined,
      });
      return t('requests.common.done');
    });
  };

  const required = [{ required: true, whitespace: true, message: t('requests.consult.required') }];
  return (
    <Modal open={open} title={`${t('requests.consult.title')} · #${request.id}`} okText={t('requests.step.consult')} okButtonProps={{ loading: busy }}
      onOk={() => void submit()} onCancel={onClose} destroyOnHidden width={760}>
      <Typography.Paragraph type="secondary">{t('requests.consult.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{
        heldAt: dayjs().startOf('minute'), outcome: 'record', assigneeKind: 'property_company',
        attendees: [{ side: 'party', name: '' }, { side: 'property', name: '' }, { side: 'owners', name: '' }], actions: [],
      }}>
        <Space size={12} style={{ display: 'flex' }} align="start">
          <Form.Item name="heldAt" label={t('requests.consult.heldAt')} rules={[{ required: true, message: t('requests.consult.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="place" label={t('requests.consult.place')} style={{ flex: 1, minWidth: 320 }}>
            <Input maxLength={200} placeholder={t('requests.consult.placePlaceholder')} />
          </Form.Item>
        </Space>
        <Typography.Text strong>{t('requests.consult.attendees')}</Typography.Text>
        <Form.List name="attendees">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'side']} rules={required}>
                    <Select style={{ width: 130 }} options={sides.map((s) => ({ value: s, label: t(`requests.side.${s}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={required}>
                    <Input placeholder={t('requests.consult.name')} maxLength={50} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'organisation']}>
                    <Input placeholder={t('requests.consult.org')} maxLength={100} style={{ width: 260 }} />
                  </Form.Item>
                  {fields.length > 1 && <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ side: 'other', name: '' })} style={{ marginBottom: 16 }}>{t('requests.consult.addAttendee')}</Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="decision" label={t('requests.consult.decision')} rules={required}>
          <Input.TextArea rows={3} maxLength={limits.descriptionMax} placeholder={t('requests.consult.decisionPlaceholder')} />
        </Form.Item>
        <Typography.Text strong>{t('requests.consult.actions')}</Typography.Text>
        <Form.List name="actions">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'owner']} rules={required}><Input placeholder={t('requests.consult.owner')} maxLength={100} style={{ width: 150 }} /></Form.Item>
                  <Form.Item name={[f.name, 'task']} rules={required}><Input placeholder={t('requests.consult.task')} maxLength={500} style={{ width: 300 }} /></Form.Item>
                  <Form.Item name={[f.name, 'dueAt']} rules={[{ required: true, message: t('requests.consult.required') }]}><DatePicker placeholder={t('requests.consult.due')} /></Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ owner: '', task: '', dueAt: dayjs().add(7, 'day') })} style={{ marginBottom: 16 }}>{t('requests.consult.addAction')}</Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="outcome" label={t('requests.consult.outcome')}>
          <Radio.Group optionType="button" options={[
            { value: 'record', label: t('requests.consult.outcomeRecord') },
            { value: 'dispatch', label: t('requests.consult.outcomeDispatch') },
            { value: 'resolve', label: t('requests.consult.outcomeResolve') },
          ]} />
        </Form.Item>
        {outcome === 'dispatch' && (
          <Space align="start">
            <Form.Item name="assigneeKind" label={t('requests.dispatch.kind')}>
              <Select style={{ width: 150 }} onChange={() => form.setFieldValue('target', undefined)}
                options={(['property_company', 'local_unit', 'grid_worker'] as const).map((k) => ({ value: k, label: t(`requests.assignee.${k}`) }))} />
            </Form.Item>
            <Form.Item name="target" label={t('requests.dispatch.target')} rules={kind === 'property_company' ? [] : [{ required: true, message: t('requests.dispatch.targetRequired') }]}>
              <Select style={{ width: 320 }} allowClear placeholder={kind === 'property_company' ? t('requests.dispatch.defaultCompany') : undefined} options={targets} />
            </Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}
