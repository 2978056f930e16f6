import { PlusOutlined } from '@ant-design/icons';
import { Button, Progress, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { PageHeading } from '../../../app/components/PageHeading';
import { PagedTable } from '../../../app/components/PagedTable';
import { useI18n } from '../../../app/i18n';
import { usePagedList } from '../../../app/usePagedList';
import { votesApi, type VoteSummary } from '../api';
import { CreateVoteModal } from '../components/CreateVoteModal';
import { VoteStateTag } from '../components/VoteParts';

/** 业主共同决定: the votes of the compounds in scope, and a new one. */
export default function VotesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = usePagedList((p, signal) => votesApi.list({ page: p.page, pageSize: p.pageSize }, signal), []);
  return (
    <>
      <PageHeading title={t('votes.list.title')} subtitle={t('votes.menuText')}
        extra={can('votes:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="vote-create">{t('votes.list.create')}</Button>} />
      <PagedTable<VoteSummary> list={list} title={t('votes.list.title')} columns={[
        { title: t('votes.col.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/votes/${r.id}`}>{v}</Link> },
        { title: t('votes.col.compound'), dataIndex: 'compoundName', width: 140 },
        { title: t('votes.col.state'), dataIndex: 'state', width: 100, render: (s) => <VoteStateTag state={s} /> },
        { title: t('votes.col.ballots'), dataIndex: 'ballots', width: 200, render: (n: number, r) => r.totalHeads ? (
          <div style={{ minWidth: 160 }}><Typography.Text>{n} / {r.totalHeads}</Typography.Text><Progress size="small" percent={Math.floor((n * 1000) / r.totalHeads) / 10} strokeColor={n * 3 >= r.totalHeads * 2 ? '#389e0d' : '#c8161d'} /></div>
        ) : '—' },
        { title: t('votes.col.endsAt'), dataIndex: 'endsAt', width: 160, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
      ]} />
      <CreateVoteModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/votes/${id}`)} />
    </>
  );
}
