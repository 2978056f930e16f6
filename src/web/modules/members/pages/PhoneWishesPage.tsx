import { HeartOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Form, Input, InputNumber, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { membersApi, type Wish } from '../api';
import { MemberBadge, WishStateTag } from '../components';
import { useAction } from '../useAction';

export function WishCard({ wish, onOpen }: { wish: Wish; onOpen: () => void }) {
  const { t } = useI18n();
  return (
    <Card size="small" className="gz-wish-card" onClick={onOpen} hoverable data-testid="wish-card">
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong><HeartOutlined style={{ color: '#c8161d' }} /> {wish.title}</Typography.Text>
          <WishStateTag state={wish.state} />
        </Space>
        <Typography.Text type="secondary">{wish.forWhom} · {wish.compoundName} · {t('members.wishes.due', { date: wish.dueOn })}{wish.nearDue ? ` · ${t('members.wishes.near')}` : ''}</Typography.Text>
        {wish.claimant && <MemberBadge badge={wish.claimant} />}
        {wish.thanks && <Typography.Text type="success">{t('members.wishes.thanks', { text: wish.thanks })}</Typography.Text>}
      </Space>
    </Card>
  );
}

type Tab = 'pool' | 'mine' | 'myClaims';

/** 微心愿 on the phone: the open wishes of my compound (or of the communities I serve), mine, my claims; post one. */
export default function PhoneWishesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  const [tab, setTab] = useState<Tab>('pool');
  const [posting, setPosting] = useState(false);
  const [form] = Form.useForm();
  const list = useApi((signal) => membersApi.wishes(tab === 'pool' ? { state: ['open', 'claimed', 'fulfilled', 'confirmed'], pageSize: 50 } : { mine: tab === 'mine' ? 'posted' : 'claimed', pageSize: 50 }, signal), [tab]);
  const { busy, run } = useAction(() => { setPosting(false); form.resetFields(); setTab('mine'); list.reload(); });
  const submit = (v: { title: string; body: string; forWhom: string; dueOn: { format: (f: string) => string }; estimatedMinutes?: number }) =>
    run(() => membersApi.postWish({ title: v.title, body: v.body, forWhom: v.forWhom, dueOn: v.dueOn.format('YYYY-MM-DD'), estimatedMinutes: v.estimatedMinutes ?? 60, compoundId: me.household?.compoundId }), 'members.form.posted');
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Segmented<Tab> block value={tab} onChange={setTab} options={[
        { value: 'pool', label: t('members.wishes.pool') }, { value: 'mine', label: t('members.wishes.mine') }, { value: 'myClaims', label: t('members.wishes.myClaims') },
      ]} />
      {can('wishes:post') && !posting && <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setPosting(true)} data-testid="wish-new">{t('members.action.post')}</Button>}
      {posting && (
        <Card size="small" title={t('members.action.post')}>
          <Form form={form} layout="vertical" onFinish={submit} data-testid="wish-form">
            <Form.Item name="title" label={t('members.form.title')} rules={[{ required: true, min: 2 }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="body" label={t('members.form.body')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
            <Form.Item name="forWhom" label={t('members.form.forWhom')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="dueOn" label={t('members.form.dueOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} data-testid="wish-due" /></Form.Item>
            <Form.Item name="estimatedMinutes" label={t('members.form.minutes')} initialValue={60}><InputNumber min={10} max={480} style={{ width: '100%' }} /></Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="wish-submit">{t('members.action.post')}</Button>
          </Form>
        </Card>
      )}
      {list.data && list.data.items.length === 0 && <Empty description={t('members.wishes.none')} />}
      {(list.data?.items ?? []).map((w) => <WishCard key={w.id} wish={w} onOpen={() => navigate(`/m/wishes/${w.id}`)} />)}
    </div>
  );
}
