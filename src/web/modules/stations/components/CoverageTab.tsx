import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { placesApi } from '../../places/api';
import { coverageKinds, stationsApi, telHref, type Coverage, type CoverageKind, type StationDetail } from '../api';
import { useSubmit } from '../hooks/useSubmit';

const kindColor: Record<CoverageKind, string> = { compound: 'blue', urban_village: 'orange', shop: 'green' };

/** 覆盖范围: compounds, urban-village self-built areas and shops with a contact. */
export function CoverageTab({ station, onChanged }: { station: StationDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<CoverageKind | undefined>();
  const [adding, setAdding] = useState(false);
  const remove = useSubmit(onChanged);
  const rows = station.coverageList.filter((c) => !kind || c.kind === kind);
  const manage = station.abilities.manage;
  return (
    <div data-testid="coverage-tab">
      <Row gutter={40} style={{ marginBottom: 12 }} align="middle">
        <Col><Statistic title={t('stations.coverage.compound')} value={station.coverage.compounds} /></Col>
        <Col><Statistic title={t('stations.coverage.urban_village')} value={station.coverage.urbanVillages} /></Col>
        <Col><Statistic title={t('stations.coverage.shop')} value={station.coverage.shops} /></Col>
        <Col flex="auto" style={{ textAlign: 'right' }}>
          <Select allowClear placeholder={t('stations.coverage.filter')} style={{ width: 150, marginInlineEnd: 8 }} value={kind} onChange={setKind} options={coverageKinds.map((k) => ({ value: k, label: t(`stations.coverage.${k}`) }))} />
          {manage && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('stations.coverage.add')}</Button>}
        </Col>
      </Row>
      <Table<Coverage> rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 15, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('stations.coverage.kind'), dataIndex: 'kind', width: 120, render: (k: CoverageKind) => <Tag color={kindColor[k]}>{t(`stations.coverage.${k}`)}</Tag> },
          { title: t('stations.coverage.name'), dataIndex: 'name', render: (n: string, c) => <span><Typography.Text strong>{n}</Typography.Text>{c.compound && <Tag style={{ marginInlineStart: 6 }}>{t('stations.coverage.linked')}</Tag>}</span> },
          { title: t('stations.coverage.headcount'), dataIndex: 'headcount', width: 110, align: 'right', render: (n: number | null, c) => (n === null ? '—' : t(c.kind === 'shop' ? 'stations.coverage.staff' : 'stations.coverage.households', { n })) },
          { title: t('stations.coverage.address'), dataIndex: 'address', render: (a: string | null) => a ?? '—' },
          { title: t('stations.coverage.contact'), key: 'contact', width: 220, render: (_, c) => (c.contactName ? <span>{c.contactName} {c.contactPhone && (station.abilities.contacts ? <a href={telHref(c.contactPhone)}>{c.contactPhone}</a> : c.contactPhone)}</span> : '—') },
          ...(manage ? [{
            title: '', key: 'x', width: 70,
            render: (_: unknown, c: Coverage) => (
              <Popconfirm title={t('stations.coverage.removeConfirm', { name: c.name })} onConfirm={() => remove.run(async () => { await stationsApi.removeCoverage(c.id); return undefined; })}>
                <Button type="link" size="small" danger>{t('stations.coverage.remove')}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]} />
      {adding && <CoverageModal station={station} onClose={() => setAdding(false)} onDone={onChanged} />}
    </div>
  );
}

interface CoverageValues { kind: CoverageKind; name: string; compoundId?: number; address?: string; contactName?: string; contactPhone?: string; headcount?: number }

function CoverageModal({ station, onClose, onDone }: { station: StationDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<CoverageValues>();
  const kind = Form.useWatch('kind', form) ?? 'shop';
  const compounds = useApi((signal) => placesApi.compounds(station.community.id, { q: '', page: 1, pageSize: 100 }, signal), [station.community.id]);
  const { busy, run } = useSubmit(() => { onDone(); onClose(); });
  return (
    <Modal open title={t('stations.coverage.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('stations.form.save')} destroyOnHidden>
      <Form<CoverageValues> form={form} layout="vertical" initialValues={{ kind: 'shop' }}
        onFinish={(v) => run(async () => {
          await stationsApi.addCoverage(station.id, { ...v, compoundId: v.compoundId ?? null, address: v.address || null, contactName: v.contactName || null, contactPhone: v.contactPhone || null, headcount: v.headcount ?? null });
          return t('stations.form.saved');
        })}>
        <Form.Item name="kind" label={t('stations.coverage.kind')}><Select options={coverageKinds.map((k) => ({ value: k, label: t(`stations.coverage.${k}`) }))} /></Form.Item>
        {kind === 'compound' && (
          <Form.Item name="compoundId" label={t('stations.coverage.linkCompound')}>
            <Select allowClear options={(compounds.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} onChange={(id) => { const c = compounds.data?.items.find((x) => x.id === id); if (c) form.setFieldsValue({ name: c.name, address: c.address ?? undefined }); }} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('stations.coverage.name')} rules={[{ required: true, max: 80 }]}><Input /></Form.Item>
        <Form.Item name="address" label={t('stations.coverage.address')} rules={[{ max: 200 }]}><Input /></Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="contactName" label={t('stations.coverage.contact')} rules={[{ max: 60 }]} style={{ flex: 1 }}><Input /></Form.Item>
          <Form.Item name="contactPhone" label={t('stations.keys.phone')} rules={[{ pattern: /^[0-9+\-() ]{3,20}$/, message: t('stations.form.phoneInvalid') }]} style={{ flex: 1 }}><Input /></Form.Item>
          <Form.Item name="headcount" label={t('stations.coverage.headcount')} style={{ width: 110 }}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
