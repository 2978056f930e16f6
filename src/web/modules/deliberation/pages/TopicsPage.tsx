import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { PageHeading } from '../../../app/components/PageHeading';
import { PagedTable } from '../../../app/components/PagedTable';
import { useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { usePagedList } from '../../../app/usePagedList';
import { deliberationApi, type TopicSummary } from '../api';

function NewTopicModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const communityId = Form.useWatch('communityId', form) as number | undefined;
  const communities = useApi((s) => deliberationApi.communities(s), [], open);
  const compounds = useApi((s) => deliberationApi.compounds(communityId!, s), [communityId], open && !!communityId);
  const submit = async (v: { communityId: number; compoundId?: number; title: string; body: string; opinionsUntil: Dayjs }) => {
    try {
      const tp = await deliberationApi.raise({ ...v, opinionsUntil: v.opinionsUntil.format() });
      onCreated(tp.id);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const required = [{ required: true, message: t('deliberation.required') }];
  return (
    <Modal open={open} title={t('deliberation.topics.new')} onCancel={onClose} onOk={() => form.submit()} width={600} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ opinionsUntil: dayjs().add(14, 'day').hour(20).minute(0) }}>
        <Form.Item name="communityId" label={t('deliberation.new.community')} rules={required}><Select options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
        <Form.Item name="compoundId" label={t('deliberation.new.compound')}><Select allowClear options={(compounds.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
        <Form.Item name="title" label={t('deliberation.topics.col.title')} rules={required}><Input maxLength={120} /></Form.Item>
        <Form.Item name="body" label={t('deliberation.topics.body')} rules={required}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
        <Form.Item name="opinionsUntil" label={t('deliberation.topics.until')} rules={required}><DatePicker showTime format="YYYY-MM-DD HH:mm" /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 议题: topics in scope with how many opinions they collected. */
export default function TopicsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = usePagedList((p, signal) => deliberationApi.topics({ page: p.page, pageSize: p.pageSize }, signal), []);
  return (
    <>
      <PageHeading title={t('deliberation.topics.title')} extra={can('deliberation:raise') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('deliberation.topics.new')}</Button>} />
      <PagedTable<TopicSummary> list={list} title={t('deliberation.topics.title')} columns={[
        { title: t('deliberation.topics.col.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/deliberation/topics/${r.id}`}>{v}</Link> },
        { title: t('deliberation.col.place'), dataIndex: 'placeName', width: 140 },
        { title: t('deliberation.topics.col.opinions'), width: 170, render: (_, r) => <span>{r.opinions}（<span style={{ color: '#389e0d' }}>{r.support}</span> / <span style={{ color: '#c8161d' }}>{r.oppose}</span>）</span> },
        { title: t('deliberation.topics.col.until'), dataIndex: 'opinionsUntil', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        { title: t('deliberation.col.state'), width: 90, render: (_, r) => dayjs(r.opinionsUntil).isAfter(dayjs()) ? <Tag color="processing">{t('deliberation.topics.collecting')}</Tag> : <Tag>{t('deliberation.topics.closed')}</Tag> },
      ]} />
      <NewTopicModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/deliberation/topics/${id}`)} />
    </>
  );
}
