import { CameraOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Image, Input, InputNumber, Skeleton, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { membersApi } from '../api';
import { MemberBadge, WishStateTag } from '../components';
import { useAction } from '../useAction';

/** One wish on the phone: claim, give up, fulfil with a photo, confirm or send back — whatever the actor may do now. */
export default function PhoneWishPage() {
  const { t } = useI18n();
  const id = useIdParam('wishId');
  const wish = useApi((signal) => membersApi.wish(id!, signal), [id], id !== null);
  const { busy, run } = useAction(() => wish.reload());
  const [note, setNote] = useState('');
  const [minutes, setMinutes] = useState<number | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [thanks, setThanks] = useState('');
  if (id === null) return <Empty />;
  if (!wish.data) return <Skeleton active />;
  const w = wish.data;
  const a = w.abilities;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="wish-detail">
      <Card size="small" className="gz-wish-card">
        <Space direction="vertical" size={6} style={{ width: '100%' }}>
          <Space style={{ justifyContent: 'space-between', width: '100%' }}><Typography.Title level={5} style={{ margin: 0 }}>{w.title}</Typography.Title><WishStateTag state={w.state} /></Space>
          <Typography.Paragraph style={{ margin: 0 }}>{w.body}</Typography.Paragraph>
          <Typography.Text type="secondary">{w.forWhom} · {w.compoundName} · {t('members.wishes.due', { date: w.dueOn })} · {t('members.wishes.minutes', { n: w.serviceMinutes ?? w.estimatedMinutes })}</Typography.Text>
          {w.claimant && <MemberBadge badge={w.claimant} />}
          {w.fulfilNote && <Typography.Text>{w.fulfilNote}</Typography.Text>}
          {w.photoUrl && <Image src={w.photoUrl} width={160} data-testid="wish-photo" />}
          {w.declineReason && w.state === 'claimed' && <Typography.Text type="danger">{w.declineReason}</Typography.Text>}
          {w.thanks && <Typography.Text type="success" data-testid="wish-thanks">{t('members.wishes.thanks', { text: w.thanks })}</Typography.Text>}
        </Space>
      </Card>
      {a.claim && <Button type="primary" size="large" block loading={busy} data-testid="wish-claim" onClick={() => run(() => membersApi.step(w.id, 'claim'), 'members.done.claimed')}>{t('members.action.claim')}</Button>}
      {a.fulfil && (
        <Card size="small" title={t('members.action.fulfil')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea rows={3} placeholder={t('members.form.note')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="fulfil-note" />
            <InputNumber min={10} max={480} placeholder={t('members.form.minutes')} value={minutes} onChange={(v) => setMinutes(v)} style={{ width: '100%' }} />
            <label className="ant-btn ant-btn-default ant-btn-lg" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 8 }}>
              <CameraOutlined /> {photo ? photo.name : t('members.form.choosePhoto')}
              <input type="file" accept="image/*" capture="environment" style={{ display: 'none' }} data-testid="fulfil-photo" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} />
            </label>
            <Button type="primary" size="large" block loading={busy} disabled={!photo || note.trim().length < 2} data-testid="wish-fulfil"
              onClick={() => run(() => membersApi.fulfil(w.id, note.trim(), minutes ?? undefined, photo!), 'members.done.fulfilled')}>{t('members.action.fulfil')}</Button>
          </Space>
        </Card>
      )}
      {a.release && <Button block loading={busy} onClick={() => run(() => membersApi.step(w.id, 'release'), 'members.done.released')}>{t('members.action.release')}</Button>}
      {a.confirm && (
        <Card size="small" title={t('members.action.confirm')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input placeholder={t('members.form.thanks')} value={thanks} onChange={(e) => setThanks(e.target.value)} data-testid="confirm-thanks" />
            <Button type="primary" size="large" block loading={busy} data-testid="wish-confirm" onClick={() => run(() => membersApi.confirm(w.id, thanks.trim() || undefined), 'members.done.confirmed')}>{t('members.action.confirm')}</Button>
            <Input placeholder={t('members.form.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
            <Button danger block loading={busy} disabled={reason.trim().length < 2} onClick={() => run(() => membersApi.decline(w.id, reason.trim()), 'members.done.declined')}>{t('members.action.decline')}</Button>
          </Space>
        </Card>
      )}
      {w.timeline && (
        <Card size="small">
          <Timeline items={w.timeline.map((e) => ({ children: <span>{new Date(e.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} · {e.toState ? t(`members.state.${e.toState}`) : e.action}{e.note ? ` · ${e.note}` : ''}</span> }))} />
        </Card>
      )}
    </div>
  );
}
