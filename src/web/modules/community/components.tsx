import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../../app/api';
import { useMe } from '../../app/auth';
import type { Venue } from './api';

/** The communities the staff member works in (their community grants). */
export function useStaffCommunities(): { value: number; label: string }[] {
  const me = useMe();
  const seen = new Map<number, string>();
  for (const g of me.roles) if (g.scopeType === 'community') seen.set(g.scopeId, g.scopeName);
  return [...seen].map(([value, label]) => ({ value, label }));
}

interface ActivityValues { communityId: number; title: string; type: string; organiserKind: string; organiserName: string; venueId?: number; locationText?: string; time: [Dayjs, Dayjs]; capacity?: number; description?: string }

/** 新建活动: with one of our rooms it is booked in the same step. */
export function NewActivityModal({ venues, onClose, onDone }: { venues: Venue[]; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const communities = useStaffCommunities();
  const [form] = Form.useForm<ActivityValues>();
  const [busy, setBusy] = useState(false);
  const communityId = Form.useWatch('communityId', form);
  const submit = async (v: ActivityValues) => {
    setBusy(true);
    try {
      await api.post('/api/activities', {
        communityId: v.communityId, title: v.title, type: v.type, organiserKind: v.organiserKind, organiserName: v.organiserName, description: v.description ?? '',
        ...(v.venueId ? { venueId: v.venueId } : { locationText: v.locationText }), startsAt: v.time[0].format(), endsAt: v.time[1].format(), ...(v.capacity ? { capacity: v.capacity } : {}),
      });
      onDone();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="新建活动" onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <Form<ActivityValues> form={form} layout="vertical" onFinish={submit} initialValues={{ communityId: communities[0]?.value, type: 'culture', organiserKind: 'community', organiserName: communities[0]?.label }}>
        <Form.Item name="communityId" label="社区" rules={[{ required: true }]}><Select options={communities} /></Form.Item>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, max: 120 }]}><Input /></Form.Item>
        <Form.Item name="type" label="类型"><Select options={[{ value: 'culture', label: '文化共建' }, { value: 'party', label: '党建' }, { value: 'festival', label: '节日' }, { value: 'other', label: '其他' }]} /></Form.Item>
        <Form.Item name="organiserKind" label="主办"><Select options={[{ value: 'community', label: '社区' }, { value: 'party_branch', label: '党支部' }, { value: 'property', label: '物业' }, { value: 'team', label: '志愿队伍' }]} /></Form.Item>
        <Form.Item name="organiserName" label="主办方名称" rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="venueId" label="红色阵地（同时预约）"><Select allowClear options={venues.filter((v) => v.communityId === communityId && v.abilities.manage).map((v) => ({ value: v.id, label: v.name }))} /></Form.Item>
        <Form.Item name="locationText" label="其他地点"><Input /></Form.Item>
        <Form.Item name="time" label="时间" rules={[{ required: true }]}><DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="capacity" label="名额（不填为不限）"><InputNumber min={1} max={100000} /></Form.Item>
        <Form.Item name="description" label="说明"><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}

interface AnnouncementValues { communityId: number; level: 'normal' | 'urgent'; title: string; body: string; publishAt?: Dayjs; expiresAt?: Dayjs }

/** 发布公告: normal or urgent (an urgent one needs an expiry and is pushed); optionally scheduled. */
export function NewAnnouncementModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const communities = useStaffCommunities();
  const [form] = Form.useForm<AnnouncementValues>();
  const [busy, setBusy] = useState(false);
  const level = Form.useWatch('level', form);
  const submit = async (v: AnnouncementValues) => {
    setBusy(true);
    try {
      await api.post('/api/announcements', { communityId: v.communityId, level: v.level, title: v.title, body: v.body, ...(v.publishAt ? { publishAt: v.publishAt.format() } : {}), ...(v.expiresAt ? { expiresAt: v.expiresAt.format() } : {}) });
      onDone();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="发布公告" onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <Form<AnnouncementValues> form={form} layout="vertical" onFinish={submit} initialValues={{ communityId: communities[0]?.value, level: 'normal' }}>
        <Form.Item name="communityId" label="社区" rules={[{ required: true }]}><Select options={communities} /></Form.Item>
        <Form.Item name="level" label="级别"><Select options={[{ value: 'normal', label: '普通' }, { value: 'urgent', label: '紧急（推送）' }]} /></Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, max: 120 }]}><Input /></Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true }]}><Input.TextArea rows={4} /></Form.Item>
        <Form.Item name="publishAt" label="定时发布（不填为立即）"><DatePicker showTime format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="expiresAt" label="失效时间" rules={[{ required: level === 'urgent' }]}><DatePicker showTime format="YYYY-MM-DD HH:mm" /></Form.Item>
      </Form>
    </Modal>
  );
}
