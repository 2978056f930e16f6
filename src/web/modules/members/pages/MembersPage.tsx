import { Button, Card, Segmented, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useAuth, useMe } from '../../../app/auth';
import { PageHeading } from '../../../app/components/PageHeading';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { communityOf, membersApi, type Member, type MemberState } from '../api';
import { MemberBadge } from '../components';
import { useAction } from '../useAction';
import { MemberDrawer } from './MemberDrawer';
import { TeamsPanel } from './TeamsPanel';

/**
 * Staff: the registry of 自管/双报到 members and volunteers — approve 报到, open a member for
 * their posts (三岗), teams, ledger and history (transfer, leaving); and the community's teams
 * with leader and members. Phones masked without PII rights.
 */
export default function MembersPage() {
  const { t } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const communityId = communityOf(me);
  const [tab, setTab] = useState('registry');
  const [state, setState] = useState<MemberState | 'all'>('pending');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const list = useApi((signal) => membersApi.members({ communityId: communityId ?? undefined, state: state === 'all' ? undefined : [state], page, pageSize: 20 }, signal), [state, page, communityId]);
  const { busy, run } = useAction(() => list.reload());
  const registry = (
    <Card variant="borderless">
      <Segmented<MemberState | 'all'> value={state} onChange={(v) => { setState(v); setPage(1); }}
        options={[...(['pending', 'active', 'left', 'transferred'] as const).map((s) => ({ value: s, label: t(`members.mstate.${s}`) })), { value: 'all' as const, label: t('members.registry.filter.all') }]} />
      <Table<Member> style={{ marginTop: 12 }} rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} data-testid="member-table"
        onRow={(m) => ({ onClick: () => setOpen(m.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('members.registry.col.name'), render: (_, m) => <MemberBadge badge={{ name: m.name, label: m.kindLabel, posts: m.posts }} /> },
          { title: t('members.registry.col.branch'), render: (_, m) => m.branchName ?? '—' },
          { title: t('members.registry.col.compound'), render: (_, m) => m.compoundName ?? '—' },
          { title: t('members.registry.teams'), render: (_, m) => m.teams.map((x) => <Tag key={x.id}>{x.name}</Tag>) },
          { title: t('members.registry.col.phone'), dataIndex: 'phone', width: 130 },
          { title: t('members.registry.col.state'), width: 90, render: (_, m) => <Tag>{t(`members.mstate.${m.state}`)}</Tag> },
          { title: '', width: 200, render: (_, m) => (
            <Space onClick={(e) => e.stopPropagation()}>
              {m.abilities.approve && <Button type="primary" size="small" loading={busy} data-testid="member-approve" onClick={() => run(() => membersApi.decide(m.id, 'approve'), 'members.done.approved')}>{t('members.action.approve')}</Button>}
              {m.abilities.reject && <Button danger size="small" loading={busy} onClick={() => run(() => membersApi.decide(m.id, 'reject'), 'members.done.rejected')}>{t('members.action.reject')}</Button>}
              <Button size="small" type="link" data-testid="member-open" onClick={() => setOpen(m.id)}>{t('members.action.open')}</Button>
            </Space>
          ) },
        ]} />
    </Card>
  );
  return (
    <>
      <PageHeading title={t('members.registry.title')} subtitle={t('members.registry.subtitle')} />
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'registry', label: t('members.tab.registry'), children: registry },
        ...(communityId !== null ? [{ key: 'teams', label: t('members.registry.teams'), children: <TeamsPanel communityId={communityId} canManage={can('members:manage')} /> }] : []),
      ]} />
      <MemberDrawer memberId={open} onClose={() => setOpen(null)} onChanged={() => list.reload()} />
    </>
  );
}
