import { Card, Image, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { votesApi, type PaperBallot } from '../api';

/** The paper ballots the committee entered, each with its photo, for the committee's own check (never the answers). */
export function PaperBallotsCard({ voteId, version }: { voteId: number; version: number }) {
  const { t } = useI18n();
  const list = useApi((s) => votesApi.paperBallots(voteId, s), [voteId, version]);
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card title={t('votes.paper.list', { n: items.length })} style={{ marginTop: 16 }} data-testid="paper-ballots">
      <Table<PaperBallot> size="small" rowKey="ballotId" dataSource={items} pagination={items.length > 10 ? { pageSize: 10 } : false} columns={[
        { title: t('votes.paper.photo'), width: 72, render: (_, b) => <Image src={b.photoUrl} width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} /> },
        { title: t('votes.paper.unit'), dataIndex: 'units' },
        { title: t('votes.paper.enteredBy'), dataIndex: 'enteredBy', width: 100 },
        { title: t('votes.paper.at'), dataIndex: 'castAt', width: 140, render: (v: string) => dayjs(v).format('MM-DD HH:mm') },
        { title: t('votes.paper.receipt'), dataIndex: 'receipt', width: 150, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
      ]} />
    </Card>
  );
}
