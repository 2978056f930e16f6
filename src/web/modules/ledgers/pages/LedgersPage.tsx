import { DownloadOutlined, FileImageOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Drawer, Empty, Form, Image, Input, InputNumber, List, Modal, Radio, Row, Select, Skeleton, Space, Table, Tabs, Tag, Timeline, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { feesApi, shanghaiMonthNow, type FeeCompound } from '../../fees/api';
import { ledgersApi, yuan, type Entry, type Ledger } from '../api';
import { BudgetBar, HashText, kindColour, ProjectStateTag, VerifiedNote } from '../components/LedgerParts';

const typeColour = { income: 'green', expense: 'red', correction: 'purple' } as const;

function RecordModal({ ledger, open, onClose, onDone }: { ledger: Ledger; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const type = Form.useWatch('type', form) ?? 'expense';
  const decisions = useApi((signal) => ledgersApi.decisions({ compoundId: ledger.compoundId, state: ['approved'], pageSize: 100 }, signal), [ledger.compoundId], open);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const amountFen = Math.round(Number(v.amount) * 100) * (type === 'correction' && v.direction === 'down' ? -1 : 1);
      await ledgersApi.record(ledger.id, { type, amountFen, category: v.category, memo: v.memo, decisionRef: v.decisionRef || null, corrects: type === 'correction' ? v.corrects : null }, files);
      message.success(t('ledgers.recorded'));
      setFiles([]);
      onDone();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('ledgers.recordTitle', { ledger: ledger.name })} onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden width={560}>
      <Form form={form} layout="vertical" initialValues={{ type: 'expense', direction: 'up' }} preserve={false}>
        <Form.Item name="type" label={t('ledgers.entry.type')}>
          <Radio.Group optionType="button" options={(['income', 'expense', 'correction'] as const).map((k) => ({ value: k, label: t(`ledgers.entry.${k}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="amount" label={t('ledgers.amountYuan')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="category" label={t('ledgers.entry.category')} rules={[{ required: true }]}><Input maxLength={40} placeholder={t('ledgers.categoryPlaceholder')} /></Form.Item></Col>
        </Row>
        {type === 'correction' && (
          <Row gutter={12}>
            <Col span={12}><Form.Item name="corrects" label={t('ledgers.entry.corrects')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={12}><Form.Item name="direction" label={t('ledgers.entry.direction')}><Radio.Group options={[{ value: 'up', label: t('ledgers.entry.up') }, { value: 'down', label: t('ledgers.entry.down') }]} /></Form.Item></Col>
          </Row>
        )}
        <Form.Item name="memo" label={t('ledgers.entry.memo')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Form.Item name="decisionRef" label={t('ledgers.entry.decision')} rules={type === 'expense' ? [{ required: true, message: t('ledgers.decisionRequired') }] : []}
          extra={ledger.kind === 'maintenance_fund' ? t('ledgers.fundRule') : undefined}>
          <Select allowClear showSearch placeholder={t('ledgers.decisionPlaceholder')} options={(decisions.data?.items ?? []).map((d) => ({ value: `decision:${d.id}`, label: `#${d.id} ${d.title}` }))} />
        </Form.Item>
        <Form.Item label={t('ledgers.entry.evidence')}>
          <Upload multiple accept="image/jpeg,image/png,image/webp,application/pdf" beforeUpload={(f) => { setFiles((x) => [...x, f]); return false; }} onRemove={(f) => setFiles((x) => x.filter((y) => y.name !== f.name))}>
            <Button icon={<UploadOutlined />}>{t('ledgers.evidenceHint')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LedgerEntries({ ledger }: { ledger: Ledger }) {
  const { t } = useI18n();
  const [page, setPage] = useState({ page: 1, pageSize: 15 });
  const [recording, setRecording] = useState(false);
  const detail = useApi((signal) => ledgersApi.ledger(ledger.id, page.page, page.pageSize, signal), [ledger.id, page.page, page.pageSize]);
  if (detail.error) return <ApiErrorResult error={detail.error} onRetry={detail.reload} />;
  const d = detail.data;
  return (
    <Card variant="borderless" data-testid="ledger-entries" title={<Space>{ledger.name}<VerifiedNote head={ledger.head} /></Space>}
      extra={<Space>
        <Button icon={<DownloadOutlined />} href={ledger.exportUrl} target="_blank">{t('ledgers.export')}</Button>
        {d?.abilities.record && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-entry">{t('ledgers.record')}</Button>}
      </Space>}>
      <Table<Entry> rowKey="seq" size="middle" loading={detail.loading} dataSource={d?.entries.items}
        pagination={{ current: page.page, pageSize: page.pageSize, total: d?.entries.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }), showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 56 },
          { title: t('ledgers.entry.at'), dataIndex: 'at', width: 110, render: (v: string) => new Date(v).toLocaleDateString('zh-CN') },
          { title: t('ledgers.entry.type'), dataIndex: 'type', width: 80, render: (v: Entry['type']) => <Tag color={typeColour[v]}>{t(`ledgers.entry.${v}`)}</Tag> },
          { title: t('ledgers.entry.category'), dataIndex: 'category', width: 110 },
          { title: t('ledgers.entry.amount'), dataIndex: 'effectFen', align: 'right', width: 130, render: (v: number) => <Typography.Text type={v < 0 ? 'danger' : 'success'} style={{ fontVariantNumeric: 'tabular-nums' }}>{v > 0 ? '+' : ''}{yuan(v)}</Typography.Text> },
          { title: t('ledgers.entry.memo'), dataIndex: 'memo', render: (v: string, e) => <div>{v}{e.corrects && <Tag color="purple" style={{ marginLeft: 6 }}>{t('ledgers.entry.correctsSeq', { seq: e.corrects })}</Tag>}{e.correctedBy.length > 0 && <Tag style={{ marginLeft: 6 }}>{t('ledgers.entry.correctedBy', { seq: e.correctedBy.join('、') })}</Tag>}</div> },
          { title: t('ledgers.entry.decision'), dataIndex: 'authority', render: (a: Entry['authority'], e) => (e.decisionRef ? <span><Tag color={a?.inForce ? 'green' : 'default'}>{e.decisionRef}</Tag>{a?.title}</span> : '—') },
          { title: t('ledgers.entry.evidence'), dataIndex: 'evidence', width: 90, render: (ev: Entry['evidence']) => (ev.length ? ev.map((x) => <a key={x.id} href={x.url} target="_blank" rel="noreferrer"><FileImageOutlined /> </a>) : '—') },
          { title: 'hash', dataIndex: 'hash', width: 150, render: (h: string) => <HashText hash={h} /> },
        ]} />
      {recording && <RecordModal ledger={ledger} open onClose={() => setRecording(false)} onDone={() => { setRecording(false); detail.reload(); }} />}
    </Card>
  );
}

function LedgersTab({ compound }: { compound: FeeCompound }) {
  const { t } = useI18n();
  const ledgers = useApi((signal) => ledgersApi.ledgers(compound.id, signal), [compound.id]);
  const [selected, setSelected] = useState<number>();
  if (ledgers.error) return <ApiErrorResult error={ledgers.error} onRetry={ledgers.reload} />;
  if (!ledgers.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  const items = ledgers.data.items;
  const current = items.find((l) => l.id === selected) ?? items.find((l) => l.kind === 'maintenance_fund') ?? items[0]!;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Row gutter={[16, 16]}>
        {items.map((l) => (
          <Col xs={24} md={8} key={l.id}>
            <Card variant="borderless" hoverable onClick={() => setSelected(l.id)} data-testid={`ledger-${l.kind}`}
              style={{ borderTop: `3px solid ${kindColour[l.kind]}`, outline: l.id === current.id ? `2px solid ${kindColour[l.kind]}33` : undefined }}>
              <Typography.Text type="secondary">{t(`ledgers.kind.${l.kind}`)}</Typography.Text>
              <div style={{ fontSize: 26, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{yuan(l.totals.balanceFen)}</div>
              <Space size={12} style={{ fontSize: 12, color: 'rgba(0,0,0,0.6)' }} wrap>
                <span>{t('ledgers.entry.income')} {yuan(l.totals.incomeFen)}</span>
                <span>{t('ledgers.entry.expense')} {yuan(l.totals.expenseFen)}</span>
                {l.totals.correctionFen !== 0 && <span>{t('ledgers.entry.correction')} {yuan(l.totals.correctionFen)}</span>}
                <span>{t('ledgers.entries', { count: l.totals.entries })}</span>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      <LedgerEntries key={current.id} ledger={current} />
    </div>
  );
}

const categories = ['maintenance_fund', 'fees', 'common_parts', 'parking', 'decisions', 'service_contract', 'statute', 'project'] as const;

function PublishModal({ compound, open, corrects, onClose, onDone }: { compound: FeeCompound; open: boolean; corrects?: { id: number; title: string; category: string; period: string; ledgerId: number | null }; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const ledgers = useApi((signal) => ledgersApi.ledgers(compound.id, signal), [compound.id], open);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await ledgersApi.publish({ compoundId: compound.id, category: v.category, period: v.period, title: v.title, body: v.body, ledgerId: v.ledgerId ?? null, correctsId: corrects?.id ?? null });
      message.success(t('ledgers.published'));
      onDone();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={corrects ? t('ledgers.correctTitle', { title: corrects.title }) : t('ledgers.publishTitle')} onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden width={600}>
      <Typography.Paragraph type="secondary">{t('ledgers.publishNote')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} initialValues={corrects ? { category: corrects.category, period: corrects.period, title: `更正：${corrects.title}`, ledgerId: corrects.ledgerId ?? undefined } : { category: 'maintenance_fund', period: shanghaiMonthNow(-1) }}>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="category" label={t('ledgers.disclosure.category')}><Select options={categories.map((c) => ({ value: c, label: t(`ledgers.category.${c}`) }))} /></Form.Item></Col>
          <Col span={12}><Form.Item name="period" label={t('ledgers.disclosure.period')} rules={[{ required: true, pattern: /^\d{4}-\d{2}$/ }]}><Input placeholder="2026-11" /></Form.Item></Col>
        </Row>
        <Form.Item name="title" label={t('ledgers.disclosure.title')} rules={[{ required: true, min: 2 }]}><Input maxLength={80} /></Form.Item>
        <Form.Item name="body" label={t('ledgers.disclosure.body')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={5} maxLength={10000} /></Form.Item>
        <Form.Item name="ledgerId" label={t('ledgers.disclosure.ledger')} extra={t('ledgers.disclosure.ledgerHint')}>
          <Select allowClear options={(ledgers.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DisclosuresTab({ compound }: { compound: FeeCompound }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [publishing, setPublishing] = useState<{ corrects?: Parameters<typeof PublishModal>[0]['corrects'] } | null>(null);
  const list = useApi((signal) => ledgersApi.disclosures({ compoundId: compound.id, page, pageSize: 10 }, signal), [compound.id, page]);
  if (list.error) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Card variant="borderless" title={t('ledgers.tab.disclosures')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing({})}>{t('ledgers.publish')}</Button>}>
      <List loading={list.loading} dataSource={list.data?.items} pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage }}
        renderItem={(d) => (
          <List.Item actions={[
            <a key="export" href={d.exportUrl} target="_blank" rel="noreferrer"><DownloadOutlined /> {t('ledgers.export')}</a>,
            ...(d.correctedBy ? [] : [<a key="fix" onClick={() => setPublishing({ corrects: { id: d.id, title: d.title, category: d.category, period: d.period, ledgerId: d.ledger?.ledgerId ?? null } })}>{t('ledgers.correct')}</a>]),
          ]}>
            <List.Item.Meta
              title={<Space wrap><Tag color="red">{t(`ledgers.category.${d.category}`)}</Tag>{d.title}{d.correctsId && <Tag color="purple">{t('ledgers.disclosure.corrects', { id: d.correctsId })}</Tag>}{d.correctedBy && <Tag>{t('ledgers.disclosure.correctedBy', { id: d.correctedBy })}</Tag>}</Space>}
              description={<span>{d.period} · {d.publisherName} · {new Date(d.publishedAt).toLocaleString('zh-CN')} · #{d.seq} <HashText hash={d.hash} />{d.ledger && <> · {t('ledgers.disclosure.balance', { balance: yuan(d.ledger.balanceFen) })}</>}</span>} />
            <Typography.Paragraph style={{ maxWidth: 560, margin: 0 }} ellipsis={{ rows: 2 }}>{d.body}</Typography.Paragraph>
          </List.Item>
        )} />
      {publishing && <PublishModal compound={compound} open corrects={publishing.corrects} onClose={() => setPublishing(null)} onDone={() => { setPublishing(null); list.reload(); }} />}
    </Card>
  );
}

function ProjectDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const project = useApi((signal) => ledgersApi.project(id, signal), [id]);
  const [photos, setPhotos] = useState<File[]>([]);
  const [form] = Form.useForm();
  const p = project.data;
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      project.reload();
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  return (
    <Drawer open width={640} onClose={onClose} title={p?.title} extra={p && <ProjectStateTag state={p.state} />}>
      {!p ? <Skeleton active /> : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="project-drawer">
          <BudgetBar project={p} />
          <Descriptions size="small" column={2} bordered items={[
            { key: 'scope', label: t('ledgers.project.scope'), children: p.scope },
            { key: 'contractor', label: t('ledgers.project.contractor'), children: p.contractor },
            { key: 'ledger', label: t('ledgers.project.ledger'), children: p.ledger.name },
            { key: 'decision', label: t('ledgers.project.decision'), children: `#${p.decision.id} ${p.decision.title}` },
            { key: 'start', label: t('ledgers.project.started'), children: p.startedOn },
            { key: 'basis', label: t('ledgers.project.basis'), children: p.decision.basisRef ?? '—' },
          ]} />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('ledgers.project.spending')}</Typography.Title>
          <Table size="small" rowKey="seq" pagination={false} dataSource={p.spending} columns={[
            { title: '#', dataIndex: 'seq', width: 50 }, { title: t('ledgers.entry.at'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleDateString('zh-CN') },
            { title: t('ledgers.entry.memo'), dataIndex: 'memo' }, { title: t('ledgers.entry.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
          ]} />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('ledgers.project.milestones')}</Typography.Title>
          <Timeline items={p.timeline.map((e) => ({ color: e.action === 'accept' ? 'green' : 'red', children: (
            <div>
              <Typography.Text strong>{e.title ?? t(`ledgers.project.action.${e.action}`)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>{new Date(e.at).toLocaleDateString('zh-CN')} · {e.actorName}</Typography.Text>
              {e.note && <div>{e.note}</div>}
              {e.photos.length > 0 && <Image.PreviewGroup><Space style={{ marginTop: 6 }}>{e.photos.map((ph) => <Image key={ph.id} src={ph.url} width={88} height={66} style={{ objectFit: 'cover', borderRadius: 6 }} />)}</Space></Image.PreviewGroup>}
            </div>
          ) }))} />
          {p.abilities.milestone && (
            <Card size="small" title={t('ledgers.project.addMilestone')}>
              <Form form={form} layout="vertical" onFinish={(v) => act(async () => { await ledgersApi.milestone(p.id, { title: v.title, note: v.note }, photos); form.resetFields(); setPhotos([]); })}>
                <Form.Item name="title" rules={[{ required: true, min: 2 }]}><Input placeholder={t('ledgers.project.milestoneTitle')} /></Form.Item>
                <Form.Item name="note"><Input.TextArea rows={2} placeholder={t('ledgers.project.milestoneNote')} /></Form.Item>
                <Upload listType="picture" accept="image/*" beforeUpload={(f) => { setPhotos((x) => [...x, f]); return false; }} onRemove={(f) => setPhotos((x) => x.filter((y) => y.name !== f.name))}><Button icon={<UploadOutlined />}>{t('ledgers.project.photos')}</Button></Upload>
                <Button htmlType="submit" type="primary" style={{ marginTop: 8 }}>{t('ledgers.project.addMilestone')}</Button>
              </Form>
            </Card>
          )}
          <Space>
            {p.abilities.complete && <Button type="primary" onClick={() => act(() => ledgersApi.step(p.id, 'complete', '施工完成，申请验收'))}>{t('ledgers.project.complete')}</Button>}
            {p.abilities.accept && <Button type="primary" onClick={() => act(() => ledgersApi.step(p.id, 'accept', '业委会验收合格'))}>{t('ledgers.project.accept')}</Button>}
            {p.abilities.reject && <Button danger onClick={() => act(() => ledgersApi.step(p.id, 'reject', '存在质量问题，请整改后再申请验收'))}>{t('ledgers.project.reject')}</Button>}
          </Space>
        </div>
      )}
    </Drawer>
  );
}

function ProjectsTab({ compound }: { compound: FeeCompound | 'all' }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<number>();
  const list = useApi((signal) => ledgersApi.projects({ compoundId: compound === 'all' ? undefined : compound.id, pageSize: 50 }, signal), [compound === 'all' ? 0 : compound.id]);
  if (list.error) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Skeleton active />;
  if (list.data.items.length === 0) return <Card variant="borderless"><Empty description={t('ledgers.project.none')} /></Card>;
  return (
    <>
      <Row gutter={[16, 16]}>
        {list.data.items.map((p) => (
          <Col xs={24} md={12} xl={8} key={p.id}>
            <Card variant="borderless" hoverable onClick={() => setOpen(p.id)} data-testid={`project-${p.id}`}>
              <Space style={{ justifyContent: 'space-between', width: '100%' }}><Typography.Text strong style={{ fontSize: 16 }}>{p.title}</Typography.Text><ProjectStateTag state={p.state} /></Space>
              <div style={{ margin: '6px 0', color: 'rgba(0,0,0,0.6)', fontSize: 13 }}>{p.compoundName} · {p.scope} · {p.contractor}</div>
              <BudgetBar project={p} />
            </Card>
          </Col>
        ))}
      </Row>
      {open && <ProjectDrawer id={open} onClose={() => { setOpen(undefined); list.reload(); }} />}
    </>
  );
}

/** 账目公开 — a compound's ledgers (hash chains), its disclosures and its improvement projects. */
export default function LedgersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const compounds = useApi((signal) => feesApi.compounds(signal), []);
  const list = compounds.data?.items ?? [];
  const compound = list.find((c) => String(c.id) === params.get('compoundId')) ?? list[0];
  const tab = params.get('tab') ?? 'ledgers';
  const set = (next: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...next }, { replace: true });
  if (compounds.error) return <ApiErrorResult error={compounds.error} onRetry={compounds.reload} />;
  if (!compounds.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!compound) return <Empty description={t('fees.noCompound')} />;
  return (
    <div data-testid="ledgers-page">
      <PageHeading title={t('ledgers.title')} subtitle={t('ledgers.subtitle')}
        tags={compound.selfGoverned ? <Tag color="gold">{t('fees.selfGoverned')}</Tag> : undefined}
        extra={<Select style={{ width: 240 }} value={compound.id} onChange={(v) => set({ compoundId: String(v) })} showSearch optionFilterProp="label" options={list.map((c) => ({ value: c.id, label: `${c.name}（${c.communityName}）` }))} />} />
      <Tabs activeKey={tab} onChange={(k) => set({ tab: k })} items={[
        { key: 'ledgers', label: t('ledgers.tab.ledgers'), children: <LedgersTab key={compound.id} compound={compound} /> },
        { key: 'disclosures', label: t('ledgers.tab.disclosures'), children: <DisclosuresTab key={compound.id} compound={compound} /> },
        { key: 'projects', label: t('ledgers.tab.projects'), children: <ProjectsTab key={compound.id} compound={compound} /> },
        { key: 'all-projects', label: t('ledgers.tab.allProjects'), children: <ProjectsTab compound="all" /> },
      ]} />
    </div>
  );
}
