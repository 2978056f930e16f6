import { Button, Card, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../app/auth';
import { PageHeading } from '../../../app/components/PageHeading';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { communityOf, membersApi, wishStates, type Wish, type WishState } from '../api';
import { MemberBadge, WishStateTag } from '../components';
import { useAction } from '../useAction';

/** Staff: review wishes before they are public, follow them through, and see the month-by-month figures. */
export default function WishesReviewPage() {
  const { t } = useI18n();
  const me = useMe();
  const communityId = communityOf(me);
  const [state, setState] = useState<WishState | 'all'>('review');
  const list = useApi((signal) => membersApi.wishes({ communityId: communityId ?? undefined, state: state === 'all' ? undefined : [state], pageSize: 100 }, signal), [state, communityId]);
  const figures = useApi((signal) => membersApi.figures(communityId!, signal), [communityId], communityId !== null);
  const { busy, run } = useAction(() => { list.reload(); figures.reload(); });
  return (
    <>
      <PageHeading title={t('members.wishes.title')} subtitle={t('members.wishes.subtitle')} />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Segmented<WishState | 'all'> value={state} onChange={setState} data-testid="wish-state-filter"
          options={[...wishStates.map((s) => ({ value: s, label: t(`members.state.${s}`) })), { value: 'all' as const, label: t('members.registry.filter.all') }]} />
        <Table<Wish> style={{ marginTop: 12 }} rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} pagination={false} data-testid="wish-table"
          columns={[
            { title: t('members.wishes.col.title'), render: (_, w) => <Space direction="vertical" size={0}><Typography.Text strong>{w.title}</Typography.Text><Typography.Text type="secondary">{w.body}</Typography.Text></Space> },
            { title: t('members.wishes.col.forWhom'), dataIndex: 'forWhom', width: 140 },
            { title: t('members.wishes.col.due'), width: 120, render: (_, w) => <span>{w.dueOn}{w.nearDue && <Typography.Text type="danger"> · {t('members.wishes.near')}</Typography.Text>}</span> },
            { title: t('members.wishes.col.state'), width: 100, render: (_, w) => <WishStateTag state={w.state} /> },
            { title: t('members.wishes.col.claimant'), width: 220, render: (_, w) => (w.claimant ? <MemberBadge badge={w.claimant} /> : '—') },
            { title: t('members.wishes.col.actions'), width: 200, render: (_, w) => (
              <Space>
                {w.abilities.approve && <Button type="primary" size="small" loading={busy} data-testid="wish-approve" onClick={() => run(() => membersApi.step(w.id, 'approve'), 'members.done.approved')}>{t('members.action.approve')}</Button>}
                {w.abilities.reject && <Button danger size="small" loading={busy} onClick={() => run(() => membersApi.step(w.id, 'reject', '请修改后重新提交'), 'members.done.rejected')}>{t('members.action.reject')}</Button>}
                {w.abilities.confirm && w.onBehalf && <Button size="small" loading={busy} onClick={() => run(() => membersApi.confirm(w.id), 'members.done.confirmed')}>{t('members.action.confirm')}</Button>}
                {w.abilities.release && <Button size="small" loading={busy} onClick={() => run(() => membersApi.step(w.id, 'release'), 'members.done.released')}>{t('members.action.release')}</Button>}
              </Space>
            ) },
          ]} />
      </Card>
      <Card variant="borderless" title={t('members.wishes.figures')} extra={figures.data && <Typography.Text type="danger">{t('members.wishes.nearDue', { n: figures.data.openNearDue })}</Typography.Text>}>
        <Table rowKey="month" size="small" pagination={false} dataSource={figures.data?.months ?? []} data-testid="wish-figures"
          columns={[
            { title: t('members.wishes.month'), dataIndex: 'month' }, { title: t('members.wishes.posted'), dataIndex: 'posted' }, { title: t('members.wishes.claimed'), dataIndex: 'claimed' },
            { title: t('members.wishes.fulfilled'), dataIndex: 'fulfilled' }, { title: t('members.wishes.confirmed'), dataIndex: 'confirmed' },
            { title: t('members.wishes.hClaim'), dataIndex: 'medianHoursToClaim', render: (v: number | null) => v ?? '—' },
            { title: t('members.wishes.hFulfil'), dataIndex: 'medianHoursToFulfil', render: (v: number | null) => v ?? '—' },
          ]} />
      </Card>
    </>
  );
}
