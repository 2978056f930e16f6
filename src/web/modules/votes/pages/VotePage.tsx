import { DownloadOutlined, FileAddOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, List, Popconfirm, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult, NotFoundResult, useErrorText } from '../../../app/components/Results';
import { PageSkeleton } from '../../../app/components/PageSkeleton';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useAuth } from '../../../app/auth';
import { useIdParam } from '../../../app/useIdParam';
import { useLiveEvents } from '../../../app/useLiveEvents';
import { m2, votesApi, type BuildingCanvass } from '../api';
import { PaperBallotModal } from '../components/PaperBallotModal';
import { PaperBallotsCard } from '../components/PaperBallotsCard';
import { ClassTag, ParticipationBars, ResultCard, VoteStateTag } from '../components/VoteParts';

/** One vote on the workbench: matters, participation, the canvassing view while open, the published result once closed. */
export default function VotePage() {
  const id = useIdParam('id');
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [paper, setPaper] = useState(false);
  const vote = useApi((s) => votesApi.get(id!, s), [id], id !== null);
  const tally = useApi((s) => votesApi.tally(id!, s), [id, vote.data?.state, vote.data?.participation.ballots], !!vote.data && vote.data.state !== 'draft');
  // On a voting evening ballots arrive by the hundred: reload at most every two seconds.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = useLiveEvents(['vote.ballot'], (_, data: { voteId?: number }) => {
    if (data.voteId !== id || pending.current) return;
    pending.current = setTimeout(() => { pending.current = null; vote.reload(); }, 2000);
  }, !!vote.data?.abilities.canvass);
  if (vote.error) return vote.error.status === 404 ? <NotFoundResult /> : <ApiErrorResult error={vote.error} onRetry={vote.reload} />;
  if (!vote.data) return <PageSkeleton />;
  const v = vote.data;
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      vote.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const buildings = tally.data?.byBuilding ?? [];
  return (
    <>
      <PageHeading crumbs={[{ title: t('votes.list.title'), to: '/votes' }]} title={v.title} tags={<VoteStateTag state={v.state} />}
        subtitle={<Space split="·"><span>{v.compoundName}</span><span>{t('votes.detail.endsAt', { time: dayjs(v.endsAt).format('YYYY-MM-DD HH:mm') })}</span>
          {v.totalHeads !== null && <span>{t('votes.detail.electorate', { heads: v.totalHeads, area: m2(v.totalAreaHundredths ?? 0) })}</span>}</Space>}
        extra={<Space>
          {v.abilities.open && <Popconfirm title={t('votes.detail.openConfirm')} onConfirm={() => act(() => votesApi.open(v.id))}><Button type="primary" icon={<PlayCircleOutlined />} data-testid="vote-open">{t('votes.detail.open')}</Button></Popconfirm>}
          {v.abilities.enterPaper && <Button icon={<FileAddOutlined />} onClick={() => setPaper(true)} data-testid="vote-paper">{t('votes.detail.paper')}</Button>}
          {v.abilities.close && <Popconfirm title={t('votes.detail.closeConfirm')} onConfirm={() => act(() => votesApi.close(v.id))}><Button danger icon={<StopOutlined />} data-testid="vote-close">{t('votes.detail.close')}</Button></Popconfirm>}
          {v.state !== 'draft' && <Button icon={<DownloadOutlined />} href={votesApi.exportUrl(v.id)} data-testid="vote-export">{t('votes.detail.export')}</Button>}
        </Space>} />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card title={t('votes.detail.matters')} style={{ marginBottom: 16 }}>
            <List dataSource={v.matters} renderItem={(m) => (
              <List.Item><List.Item.Meta title={<Space><span>{m.position}.</span><span>{m.title}</span><ClassTag cls={m.class} /></Space>} description={m.description || t(`votes.classHint.${m.class}`)} /></List.Item>
            )} />
            {v.description && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{v.description}</Typography.Paragraph>}
          </Card>
          {v.state !== 'draft' && (
            <Card title={t('votes.detail.participation')} extra={<Tag>{t('votes.detail.ballots', { n: v.participation.ballots })}</Tag>} style={{ marginBottom: 16 }}>
              <ParticipationBars area={v.participation.areaHundredths} heads={v.participation.heads} totalArea={v.participation.totalAreaHundredths} totalHeads={v.participation.totalHeads} />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={14}>
          {v.result && <ResultCard result={v.result} />}
          {v.abilities.canvass && (
            <Card title={t('votes.detail.canvass')} data-testid="canvass" data-live={live} extra={live === 'open' && <Tag color="green">{t('votes.detail.live')}</Tag>}>
              <Table<BuildingCanvass> size="small" rowKey={(b) => b.buildingName} dataSource={buildings} pagination={false} loading={tally.loading}
                columns={[
                  { title: t('votes.detail.building'), dataIndex: 'buildingName', width: 80 },
                  { title: t('votes.detail.voted'), width: 150, render: (_, b) => <div><span>{b.votedUnits} / {b.units}</span><Progress size="small" showInfo={false} percent={(b.votedUnits * 100) / b.units} strokeColor={b.votedUnits * 3 >= b.units * 2 ? '#389e0d' : '#fa8c16'} /></div> },
                  { title: t('votes.detail.pendingArea'), width: 110, align: 'right', render: (_, b) => m2(b.pendingAreaHundredths), sorter: (a, b) => a.pendingAreaHundredths - b.pendingAreaHundredths },
                  { title: t('votes.detail.pendingHeads'), dataIndex: 'pendingHeads', width: 100, align: 'right', sorter: (a, b) => a.pendingHeads - b.pendingHeads, defaultSortOrder: 'descend' },
                  { title: t('votes.detail.pendingUnits'), render: (_, b) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.pendingUnits.slice(0, 8).map((u) => u.label.replace(b.buildingName, '')).join('、')}{b.pendingUnits.length > 8 || b.pendingUnitsMore ? ` ${t('votes.detail.more', { n: b.pendingUnits.length - 8 + b.pendingUnitsMore })}` : ''}</Typography.Text> },
                ]} />
            </Card>
          )}
          {v.state !== 'draft' && can('votes:manage') && <PaperBallotsCard voteId={v.id} version={v.participation.ballots} />}
          {v.state === 'draft' && <Card><Descriptions column={1}><Descriptions.Item label={t('votes.create.countParking')}>{v.countParking ? '✓' : '✗'}</Descriptions.Item></Descriptions></Card>}
        </Col>
      </Row>
      {v.abilities.enterPaper && <PaperBallotModal vote={v} buildings={buildings} open={paper} onClose={() => setPaper(false)} onDone={() => { setPaper(false); vote.reload(); }} />}
    </>
  );
}
