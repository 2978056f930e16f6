import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { stationsApi, type Item, type Section, type StationDetail } from '../api';
import { useSubmit } from '../hooks/useSubmit';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

interface ItemValues {
  section: Section;
  category: string;
  name: string;
  unit: string;
  quantity: number;
  standardQuantity: number;
  consumable: boolean;
  location?: string;
  expiresOn?: Dayjs | null;
  inspectEveryDays?: number | null;
  lastInspectedOn?: Dayjs | null;
  note?: string;
}

/** A new kind for the catalogue, or an edit of one (never its quantity: that is restock, stocktake and check-outs). */
export function ItemModal({ station, item, onClose, onDone }: { station: StationDetail; item: Item | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ItemValues>();
  const { busy, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: ItemValues) => run(async () => {
    const common = {
      category: v.category, name: v.name, unit: v.unit, standardQuantity: v.standardQuantity, location: v.location || null,
      expiresOn: day(v.expiresOn), inspectEveryDays: v.inspectEveryDays ?? null, note: v.note || null,
    };
    if (item) await stationsApi.updateItem(item.id, common);
    else await stationsApi.createItem(station.id, { ...common, section: v.section, consumable: v.consumable, quantity: v.quantity, lastInspectedOn: day(v.lastInspectedOn) });
    return t('stations.form.saved');
  });
  return (
    <Modal open title={item ? t('stations.items.editTitle', { name: item.name }) : t('stations.items.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.form.save')} destroyOnHidden>
      <Form<ItemValues> form={form} layout="vertical" onFinish={submit} initialValues={item ? {
        ...item, location: item.location ?? undefined, note: item.note ?? undefined, expiresOn: item.expiresOn ? dayjs(item.expiresOn) : null,
      } : { section: 'supplies', consumable: false, quantity: 0, standardQuantity: 1 }}>
        {!item && (
          <Form.Item name="section" label={t('stations.items.section')}>
            <Radio.Group optionType="button" options={[{ value: 'rescue', label: t('stations.section.rescue') }, { value: 'supplies', label: t('stations.section.supplies') }]} />
          </Form.Item>
        )}
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="category" label={t('stations.items.category')} rules={[{ required: true, max: 40 }]} style={{ flex: 1 }}><Input placeholder={t('stations.items.categoryPlaceholder')} /></Form.Item>
          <Form.Item name="name" label={t('stations.items.name')} rules={[{ required: true, max: 60 }]} style={{ flex: 1 }}><Input /></Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="unit" label={t('stations.items.unit')} rules={[{ required: true, max: 10 }]} style={{ flex: 1 }}><Input placeholder={t('stations.items.unitPlaceholder')} /></Form.Item>
          {!item && <Form.Item name="quantity" label={t('stations.items.initial')} style={{ flex: 1 }}><InputNumber min={0} max={100000} style={{ width: '100%' }} /></Form.Item>}
          <Form.Item name="standardQuantity" label={t('stations.items.standard')} rules={[{ required: true }]} style={{ flex: 1 }}><InputNumber min={0} max={100000} style={{ width: '100%' }} /></Form.Item>
        </div>
        {!item && <Form.Item name="consumable" label={t('stations.items.consumableLabel')} valuePropName="checked"><Switch /></Form.Item>}
        <Form.Item name="location" label={t('stations.items.location')} rules={[{ max: 60 }]}><Input /></Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="expiresOn" label={t('stations.items.expiresOn')} style={{ flex: 1 }}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="inspectEveryDays" label={t('stations.items.inspectEvery')} style={{ flex: 1 }}><InputNumber min={1} max={3660} style={{ width: '100%' }} /></Form.Item>
          {!item && <Form.Item name="lastInspectedOn" label={t('stations.items.lastInspectedLabel')} style={{ flex: 1 }}><DatePicker style={{ width: '100%' }} /></Form.Item>}
        </div>
        <Form.Item name="note" label={t('stations.form.note')} rules={[{ max: 200 }]}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

export type StockAction = 'restock' | 'stocktake' | 'inspect';

/** 补货 / 盘点 / 检查 of one item. */
export function StockModal({ item, action, onClose, onDone }: { item: Item; action: StockAction; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ quantity?: number; counted?: number; expiresOn?: Dayjs | null; ok?: boolean; note?: string }>();
  const { busy, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: { quantity?: number; counted?: number; expiresOn?: Dayjs | null; ok?: boolean; note?: string }) => run(async () => {
    const note = v.note || null;
    if (action === 'restock') {
      const r = await stationsApi.restock(item.id, { quantity: v.quantity, note, ...(v.expiresOn ? { expiresOn: day(v.expiresOn) } : {}) });
      return t('stations.items.restocked', { quantity: r.quantity, unit: r.unit });
    }
    if (action === 'stocktake') {
      const r = await stationsApi.stocktake(item.id, { counted: v.counted, note });
      return t('stations.items.counted', { quantity: r.quantity, unit: r.unit });
    }
    await stationsApi.inspect(item.id, { ok: v.ok, note });
    return t('stations.items.inspected');
  });
  const title = t(`stations.items.${action}Title`, { name: item.name });
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.form.save')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ quantity: Math.max(1, item.standardQuantity - item.quantity), counted: item.quantity, ok: true }}>
        {action === 'restock' && (
          <>
            <Form.Item name="quantity" label={t('stations.items.restockQuantity', { unit: item.unit })} rules={[{ required: true }]}><InputNumber min={1} max={100000} style={{ width: '100%' }} /></Form.Item>
            {item.expiresOn && <Form.Item name="expiresOn" label={t('stations.items.restockExpiry')}><DatePicker style={{ width: '100%' }} /></Form.Item>}
          </>
        )}
        {action === 'stocktake' && (
          <Form.Item name="counted" label={t('stations.items.countedLabel', { unit: item.unit, books: item.quantity })} rules={[{ required: true }]}><InputNumber min={0} max={100000} style={{ width: '100%' }} /></Form.Item>
        )}
        {action === 'inspect' && (
          <Form.Item name="ok" label={t('stations.items.inspectResult')}>
            <Select options={[{ value: true, label: t('stations.items.inspectOk') }, { value: false, label: t('stations.items.inspectBad') }]} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('stations.form.note')} rules={[{ max: 200 }]}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}
