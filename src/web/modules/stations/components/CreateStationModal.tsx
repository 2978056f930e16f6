import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useMe } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { placesApi } from '../../places/api';
import { stationsApi } from '../api';
import { useSubmit } from '../hooks/useSubmit';

interface Values {
  communityId: number;
  companyId?: number | null;
  name: string;
  address: string;
  locationNote?: string;
  alwaysOpen: boolean;
  opensAt?: string;
  closesAt?: string;
  dutyPhone?: string;
  rollCallEveryDays: number;
  drillEveryDays: number;
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 建站: in one of the actor's communities, optionally with a company that serves it. */
export function CreateStationModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const communities = me.roles.filter((g) => g.scopeType === 'community' && (g.role === 'community_staff' || g.role === 'party_committee'));
  const options = [...new Map(communities.map((g) => [g.scopeId, { value: g.scopeId, label: g.scopeName }])).values()];
  const communityId = Form.useWatch('communityId', form) ?? options[0]?.value;
  const alwaysOpen = Form.useWatch('alwaysOpen', form) ?? true;
  const community = useApi((signal) => placesApi.community(communityId!, signal), [communityId], communityId !== undefined);
  const { busy, run } = useSubmit(onClose);

  const submit = (v: Values) => run(async () => {
    const created = await stationsApi.create({ ...v, companyId: v.companyId ?? null, opensAt: v.alwaysOpen ? null : v.opensAt, closesAt: v.alwaysOpen ? null : v.closesAt, locationNote: v.locationNote || null, dutyPhone: v.dutyPhone || null });
    onCreated(created.id);
    return t('stations.form.created');
  });

  return (
    <Modal open title={t('stations.list.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.form.save')} width={560} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ communityId: options[0]?.value, alwaysOpen: true, rollCallEveryDays: 30, drillEveryDays: 90 }}>
        <Form.Item name="communityId" label={t('stations.form.community')} rules={[{ required: true }]}><Select options={options} /></Form.Item>
        <Form.Item name="companyId" label={t('stations.form.company')}>
          <Select allowClear placeholder={t('stations.form.companyNone')} options={(community.data?.companies ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="name" label={t('stations.form.name')} rules={[{ required: true, min: 2, max: 60 }]}><Input placeholder={t('stations.form.namePlaceholder')} /></Form.Item>
        <Form.Item name="address" label={t('stations.form.address')} rules={[{ required: true, min: 2, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="locationNote" label={t('stations.form.locationNote')} rules={[{ max: 200 }]}><Input placeholder={t('stations.form.locationNotePlaceholder')} /></Form.Item>
        <Form.Item name="alwaysOpen" label={t('stations.open24h')} valuePropName="checked"><Switch /></Form.Item>
        {!alwaysOpen && (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="opensAt" label={t('stations.form.opensAt')} rules={[{ required: true, pattern: hhmm, message: 'HH:MM' }]} style={{ flex: 1 }}><Input placeholder="08:00" /></Form.Item>
            <Form.Item name="closesAt" label={t('stations.form.closesAt')} rules={[{ required: true, pattern: hhmm, message: 'HH:MM' }]} style={{ flex: 1 }}><Input placeholder="20:00" /></Form.Item>
          </div>
        )}
        <Form.Item name="dutyPhone" label={t('stations.dutyPhone')} rules={[{ pattern: /^[0-9+\-() ]{3,20}$/, message: t('stations.form.phoneInvalid') }]}><Input /></Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="rollCallEveryDays" label={t('stations.form.rollCallEveryDays')} style={{ flex: 1 }}><InputNumber min={1} max={366} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="drillEveryDays" label={t('stations.form.drillEveryDays')} style={{ flex: 1 }}><InputNumber min={1} max={730} style={{ width: '100%' }} /></Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
