import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult } from '../../../app/components/Results';
import { PageSkeleton } from '../../../app/components/PageSkeleton';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { Chart } from '../../figures/components/Charts';
import { deliberationApi, meetingTypes, type CommunityCounts } from '../api';

/** 协商共治统计: per community, the sentence the reports write (meetings held, opinions, person-times), a chart and the export. */
export default function OverviewPage() {
  const { t } = useI18n();
  const counts = useApi((s) => deliberationApi.counts(s), []);
  if (counts.error) return <ApiErrorResult error={counts.error} onRetry={counts.reload} />;
  if (!counts.data) return <PageSkeleton />;
  const items = counts.data.items.filter((c) => c.meetings || c.opinions);
  const total = (k: 'meetings' | 'opinions' | 'personTimes' | 'decisions' | 'decisionsDone') => counts.data!.items.reduce((s, c) => s + c[k], 0);
  const used = meetingTypes.filter((ty) => items.some((c) => c.meetingsByType[ty]));
  return (
    <>
      <PageHeading title={t('deliberation.overview.title')} subtitle={t('deliberation.menuText')} extra={<Space>
        <Button icon={<DownloadOutlined />} href={deliberationApi.exportUrl('csv')} data-testid="counts-csv">{t('deliberation.overview.exportCsv')}</Button>
        <Button icon={<DownloadOutlined />} href={deliberationApi.exportUrl('xlsx')}>{t('deliberation.overview.exportXlsx')}</Button>
      </Space>} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {([['meetings', 'deliberation.overview.meetings'], ['opinions', 'deliberation.overview.opinions'], ['personTimes', 'deliberation.overview.personTimes'], ['decisions', 'deliberation.overview.decisions'], ['decisionsDone', 'deliberation.overview.done']] as const).map(([k, label]) => (
          <Col key={k} flex="1 1 180px"><Card><Statistic title={t(label)} value={total(k)} /></Card></Col>
        ))}
      </Row>
      {items.map((c) => (
        <Card key={c.communityId} style={{ marginBottom: 12, borderLeft: '4px solid #c8161d' }} data-testid="counts-sentence">
          <Typography.Text style={{ fontSize: 16 }}>{c.sentence}</Typography.Text>
        </Card>
      ))}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('deliberation.overview.byMonth')} style={{ marginBottom: 16 }}>
            <Chart height={260} testId="counts-months" option={{
              tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, grid: { left: 40, right: 40, top: 16, bottom: 48 },
              xAxis: { type: 'category', data: counts.data.months.map((m) => m.month) },
              yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', minInterval: 1 }],
              series: [
                { type: 'bar', name: t('deliberation.overview.opinions'), data: counts.data.months.map((m) => m.opinions), itemStyle: { color: '#c8161d' } },
                { type: 'bar', name: t('deliberation.overview.meetings'), data: counts.data.months.map((m) => m.meetings), itemStyle: { color: '#faad14' }, yAxisIndex: 1 },
                { type: 'line', name: t('deliberation.overview.personTimes'), data: counts.data.months.map((m) => m.personTimes), smooth: true, itemStyle: { color: '#1677ff' } },
              ],
            }} />
          </Card>
          <Card title={t('deliberation.overview.byType')}>
            <Chart height={Math.max(160, used.length * 48 + 60)} testId="counts-chart" option={{
              tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, grid: { left: 150, right: 24, top: 10, bottom: 40 },
              yAxis: { type: 'category', data: used.map((ty) => t(`deliberation.type.${ty}`)), inverse: true },
              xAxis: { type: 'value', minInterval: 1 },
              series: items.map((c) => ({ type: 'bar', name: c.communityName, stack: 'n', barMaxWidth: 28, data: used.map((ty) => c.meetingsByType[ty] ?? 0) })),
            }} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Table<CommunityCounts> rowKey="communityId" dataSource={items} pagination={false} size="middle" columns={[
            { title: t('deliberation.overview.community'), dataIndex: 'communityName' },
            { title: t('deliberation.overview.meetings'), dataIndex: 'meetings', align: 'right' },
            { title: t('deliberation.overview.opinions'), dataIndex: 'opinions', align: 'right' },
            { title: t('deliberation.overview.personTimes'), dataIndex: 'personTimes', align: 'right' },
            { title: t('deliberation.overview.decisions'), dataIndex: 'decisions', align: 'right' },
            { title: t('deliberation.overview.done'), dataIndex: 'decisionsDone', align: 'right' },
          ]} />
        </Col>
      </Row>
    </>
  );
}
