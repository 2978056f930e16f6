import { DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { purposes, stationsApi, type CheckoutPurpose, type Item, type StationDetail } from '../api';
import { useSubmit } from '../hooks/useSubmit';

interface Values {
  itemId: number;
  quantity: number;
  purpose: CheckoutPurpose;
  reason?: string;
  incidentId?: number;
  borrowerName?: string;
  borrowerPhone?: string;
  dueAt?: Dayjs | null;
}

/** 领用登记 on the workbench: any item of the station (or the one chosen), why, and when it is due back. */
export function CheckoutModal({ station, item, onClose, onDone }: { station: StationDetail; item?: Item; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const items = useApi((signal) => stationsApi.items(station.id, { pageSize: 100 }, signal), [station.id], !item);
  const incidents = useApi((signal) => stationsApi.incidents(station.id, { state: 'open', pageSize: 20 }, signal), [station.id]);
  const purpose = Form.useWatch('purpose', form);
  const itemId = Form.useWatch('itemId', form);
  const chosen = item ?? items.data?.items.find((i) => i.id === itemId);
  const { busy, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: Values) => run(async () => {
    const c = await stationsApi.checkOut(station.id, {
      itemId: v.itemId, quantity: v.quantity, purpose: v.purpose, reason: v.reason || null, incidentId: v.incidentId ?? null,
      borrowerName: v.borrowerName || null, borrowerPhone: v.borrowerPhone || null, ...(v.dueAt ? { dueAt: v.dueAt.format() } : {}),
    });
    return t('stations.checkout.done', { quantity: c.quantity, unit: c.item.unit, name: c.item.name, left: c.itemQuantityAfter ?? 0 });
  });
  return (
    <Modal open title={t('stations.detail.checkOut')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.checkout.confirm')} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ itemId: item?.id, quantity: 1, purpose: 'incident' }}>
        <Form.Item name="itemId" label={t('stations.checkout.item')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" disabled={!!item} loading={items.loading}
            options={(item ? [item] : items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${t('stations.checkout.onHand', { quantity: i.quantity, unit: i.unit })}）`, disabled: i.quantity === 0 }))} />
        </Form.Item>
        {chosen && <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>{chosen.consumable ? t('stations.checkout.consumableHint') : t('stations.checkout.equipmentHint')}{chosen.location ? ` · ${chosen.location}` : ''}</Typography.Paragraph>}
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="quantity" label={t('stations.checkout.quantity')} rules={[{ required: true }]} style={{ width: 140 }}><InputNumber min={1} max={chosen?.quantity || 1} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="purpose" label={t('stations.checkout.purpose')} style={{ flex: 1 }}>
            <Select options={purposes.map((p) => ({ value: p, label: t(`stations.purpose.${p}`) }))} />
          </Form.Item>
        </div>
        {purpose === 'incident' && (incidents.data?.items.length ?? 0) > 0 && (
          <Form.Item name="incidentId" label={t('stations.checkout.incident')}>
            <Select allowClear options={incidents.data!.items.map((i) => ({ value: i.id, label: i.title }))} />
          </Form.Item>
        )}
        {purpose === 'loan' && (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="borrowerName" label={t('stations.checkout.borrowerName')} rules={[{ required: true, max: 60 }]} style={{ flex: 1 }}><Input /></Form.Item>
            <Form.Item name="borrowerPhone" label={t('stations.checkout.borrowerPhone')} rules={[{ pattern: /^[0-9+\-() ]{3,20}$/, message: t('stations.form.phoneInvalid') }]} style={{ flex: 1 }}><Input /></Form.Item>
          </div>
        )}
        <Form.Item name="reason" label={t('stations.checkout.reason')} rules={[{ max: 200 }]}><Input /></Form.Item>
        {chosen && !chosen.consumable && (
          <Form.Item name="dueAt" label={t('stations.checkout.dueAt')} extra={t('stations.checkout.dueDefault')}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item>
        )}
      </Form>
    </Modal>
  );
}
