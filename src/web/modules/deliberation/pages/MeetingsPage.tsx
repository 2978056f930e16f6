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
import { deliberationApi, meetingTypes, parties, type MeetingSummary, type MeetingType } from '../api';

interface Values { communityId: number; compoundId?: number; type: MeetingType; title: string; location: string; scheduledAt: Dayjs; invitedParties: string[]; agendaTopicIds: number[] }

function NewMeetingModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const communityId = Form.useWatch('communityId', form);
  const communities = useApi((s) => deliberationApi.communities(s), [], open);
  const compounds = useApi((s) => deliberationApi.compounds(communityId!, s), [communityId], open && !!communityId);
  const topics = useApi((s) => deliberationApi.topics({ page: 1, pageSize: 100 }, s), [], open);
  const submit = async (v: Values) => {
    try {
      const m = await deliberationApi.schedule({ ...v, scheduledAt: v.scheduledAt.format(), agendaTopicIds: v.agendaTopicIds ?? [] });
      onCreated(m.id);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const required = [{ required: true, message: t('deliberation.required') }];
  return (
    <Modal open={open} title={t('deliberation.new.title')} onCancel={onClose} onOk={() => form.submit()} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ type: 'small_bench', scheduledAt: dayjs().add(3, 'day').hour(19).minute(0), invitedParties: [...parties] }}>
        <Form.Item name="type" label={t('deliberation.new.type')} rules={required}><Select options={meetingTypes.map((ty) => ({ value: ty, label: t(`deliberation.type.${ty}`) }))} /></Form.Item>
        <Form.Item name="communityId" label={t('deliberation.new.community')} rules={required}><Select options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
        <Form.Item name="compoundId" label={t('deliberation.new.compound')}><Select allowClear options={(compounds.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
        <Form.Item name="title" label={t('deliberation.new.meetingTitle')} rules={required}><Input maxLength={120} /></Form.Item>
        <Form.Item name="location" label={t('deliberation.new.location')} rules={required}><Input maxLength={120} /></Form.Item>
        <Form.Item name="scheduledAt" label={t('deliberation.new.time')} rules={required}><DatePicker showTime format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="invitedParties" label={t('deliberation.new.parties')}><Select mode="multiple" options={parties.map((p) => ({ value: p, label: t(`deliberation.side.${p}`) }))} /></Form.Item>
        <Form.Item name="agendaTopicIds" label={t('deliberation.new.agenda')}>
          <Select mode="multiple" options={(topics.data?.items ?? []).filter((tp) => !communityId || tp.communityId === communityId).map((tp) => ({ value: tp.id, label: tp.title }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 议事会议: every meeting in scope, with its attendance and how its decisions stand. */
export default function MeetingsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = usePagedList((p, signal) => deliberationApi.meetings({ page: p.page, pageSize: p.pageSize }, signal), []);
  return (
    <>
      <PageHeading title={t('deliberation.meetings.title')} subtitle={t('deliberation.menuText')}
        extra={can('deliberation:convene') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('deliberation.meetings.new')}</Button>} />
      <PagedTable<MeetingSummary> list={list} title={t('deliberation.meetings.title')} columns={[
        { title: t('deliberation.col.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/deliberation/meetings/${r.id}`}>{v}</Link> },
        { title: t('deliberation.col.type'), dataIndex: 'type', width: 150, render: (ty: MeetingType) => <Tag color={ty === 'small_bench' ? 'red' : 'geekblue'}>{t(`deliberation.type.${ty}`)}</Tag> },
        { title: t('deliberation.col.place'), dataIndex: 'placeName', width: 140 },
        { title: t('deliberation.col.time'), dataIndex: 'scheduledAt', width: 150, render: (v: string, r) => dayjs(r.heldAt ?? v).format('YYYY-MM-DD HH:mm') },
        { title: t('deliberation.col.attendance'), dataIndex: 'attendance', width: 80, align: 'right' },
        { title: t('deliberation.col.decisions'), width: 120, render: (_, r) => `${r.decisions}（${r.decisionsDone}）` },
        { title: t('deliberation.col.state'), dataIndex: 'state', width: 90, render: (s: string) => <Tag color={s === 'held' ? 'success' : 'processing'}>{t(`deliberation.meeting.${s}`)}</Tag> },
      ]} />
      <NewMeetingModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/deliberation/meetings/${id}`)} />
    </>
  );
}
