import { AlertOutlined, EnvironmentOutlined, PhoneFilled, TeamOutlined } from '@ant-design/icons';
import { Card, Collapse, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { stationsApi, telHref, type StationSummary } from '../api';
import { OpeningTag } from '../components/OpeningTag';
import { fmtDay } from '../format';

/** One station as a resident sees it: where, when, whom to call, what it keeps, who the team is (phones masked). */
function StationCard({ summary }: { summary: StationSummary }) {
  const { t } = useI18n();
  const detail = useApi((signal) => stationsApi.get(summary.id, signal), [summary.id]);
  const items = useApi((signal) => stationsApi.items(summary.id, { pageSize: 100 }, signal), [summary.id]);
  const incidents = useApi((signal) => stationsApi.incidents(summary.id, { pageSize: 3 }, signal), [summary.id]);
  const d = detail.data;
  const byCategory = new Map<string, { name: string; quantity: number; unit: string }[]>();
  for (const i of items.data?.items ?? []) byCategory.set(i.category, [...(byCategory.get(i.category) ?? []), i]);
  return (
    <Card variant="borderless" data-testid="resident-station" title={<span><AlertOutlined style={{ color: '#c8161d' }} /> {summary.name}</span>}>
      <Space direction="vertical" size={10} style={{ width: '100%' }}>
        <Space wrap><OpeningTag station={summary} />{summary.company && <Tag color="blue">{t('stations.detail.runWith', { company: summary.company.name })}</Tag>}</Space>
        <Typography.Text><EnvironmentOutlined /> {summary.address}</Typography.Text>
        {d?.locationNote && <Typography.Text type="secondary">{d.locationNote}</Typography.Text>}
        {summary.dutyPhone && (
          <a className="gz-resident-call" href={telHref(summary.dutyPhone)} data-testid="resident-duty-phone"><PhoneFilled /> {t('stations.resident.call', { phone: summary.dutyPhone })}</a>
        )}
        <Typography.Text type="secondary">{t(summary.coverage.urbanVillages ? 'stations.resident.covers' : 'stations.resident.coversNoVillages', { compounds: summary.coverage.compounds, villages: summary.coverage.urbanVillages, shops: summary.coverage.shops })}</Typography.Text>
      </Space>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('stations.resident.keeps')}</Typography.Title>
      {!items.data ? <Skeleton active /> : (
        <Collapse size="small" items={[...byCategory].map(([category, list]) => ({
          key: category, label: <span>{category} <Typography.Text type="secondary">{t('stations.resident.kinds', { n: list.length })}</Typography.Text></span>,
          children: list.map((i) => <div key={i.name} style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0' }}><span>{i.name}</span><Typography.Text type={i.quantity === 0 ? 'danger' : 'secondary'}>{i.quantity}{i.unit}</Typography.Text></div>),
        }))} />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}><TeamOutlined /> {t('stations.resident.team', { n: summary.teamSize })}</Typography.Title>
      {!d ? <Skeleton active /> : (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }} data-testid="resident-team">
          {d.team.filter((m) => m.active).map((m) => <Tag key={m.id}>{m.name} · {t(`stations.teamRole.${m.teamRole}`)} <span data-masked="true">{m.phone}</span></Tag>)}
        </div>
      )}
      {(incidents.data?.items.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('stations.resident.recent')}</Typography.Title>
          {incidents.data!.items.map((i) => (
            <div key={i.id} style={{ padding: '4px 0' }}>
              <Tag>{t(`stations.incident.${i.kind}`)}</Tag>{i.title} <Typography.Text type="secondary">{fmtDay(i.occurredAt)}</Typography.Text>
            </div>
          ))}
        </>
      )}
    </Card>
  );
}

/** 应急服务站 on the resident's phone: the stations of their community, open to the public. */
export default function ResidentStationsPage() {
  const { t } = useI18n();
  const list = useApi((signal) => stationsApi.list({ q: '', page: 1, pageSize: 10 }, signal), []);
  if (!list.data) return <Skeleton active />;
  if (list.data.items.length === 0) return <Empty description={t('stations.resident.none')} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Paragraph type="secondary" style={{ margin: '0 4px' }}>{t('stations.resident.intro')}</Typography.Paragraph>
      {list.data.items.map((s) => <StationCard key={s.id} summary={s} />)}
    </div>
  );
}
