import { FullscreenExitOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Spin, theme } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useLiveEvents, useNow } from '../../../app/useLiveEvents';
import { dashboardApi, type Level, type RegistryMetric } from '../api';
import { Chart } from '../components/Chart';
import { calendarOption, mapOption, stackedByChildOption, stackedByQuarterOption, trendOption } from '../components/panels';
import { RankingTable } from '../components/RankingTable';
import { formatMetric } from '../format';
import { useDashboardNode } from '../useDashboard';
import '../dashboard.css';

const kpiIds = ['places.compounds', 'places.property_coverage', 'places.party_org_coverage', 'requests.total', 'requests.response_rate', 'requests.qualification_rate', 'fees.payment_rate_households', 'stations.readiness'];
const rankPreference = [['requests.response_rate', 'requests.total', 'places.households'], ['fees.payment_rate_households', 'places.property_coverage', 'fees.arrears']];
const trendIds = ['requests.response_rate', 'requests.resolution_rate', 'requests.satisfaction_rate', 'fees.payment_rate_households'];
const liveTopics = ['request.created', 'request.updated', 'station.stock', 'station.updated', 'vote.ballot'];
const darkTheme = { algorithm: theme.darkAlgorithm, token: { colorBgContainer: 'transparent', colorPrimary: '#ff7875' } };

/**
 * 大屏: the command centre's screen (1920×1080, dark). Every panel reads the same overview as the
 * workbench page; a live event (a request filed or moved, a station's stock, a ballot) refreshes
 * it within a few seconds, and it refreshes every minute anyway.
 */
export default function ScreenPage() {
  const { t, pick, formatNumber } = useI18n();
  const navigate = useNavigate();
  const { registry, node, from, to, go, metricOf } = useDashboardNode();
  const [version, setVersion] = useState(0);
  const overview = useApi((signal) => dashboardApi.overview({ level: node!.level, id: node!.id, from, to }, signal), [node?.level, node?.id, from, to, version], !!node);
  const year = Number(to.slice(0, 4));
  const calendar = useApi((signal) => dashboardApi.calendar({ level: node!.level, id: node!.id, calendar: 'requests.created_daily', year }, signal), [node?.level, node?.id, year, version], !!node);
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  const status = useLiveEvents(liveTopics, () => {
    if (pending.current) return;
    pending.current = setTimeout(() => { pending.current = undefined; setVersion((v) => v + 1); }, 3000);
  });
  useEffect(() => {
    const timer = setInterval(() => setVersion((v) => v + 1), 60_000);
    document.body.classList.add('gz-screen-open');
    return () => { clearInterval(timer); clearTimeout(pending.current); document.body.classList.remove('gz-screen-open'); };
  }, []);
  const now = useNow(1000);
  const o = overview.data;
  const metric = (id: string) => metricOf.get(id);
  const kept = (ids: string[]) => ids.map(metric).find((m): m is RegistryMetric => !!m && !!o?.childLevel && m.levels.includes(o.childLevel));
  const rankings = rankPreference.map(kept);
  const colour = kept(['requests.response_rate', 'fees.payment_rate_households', 'places.property_coverage']);
  const byChild = !!o?.breakdowns.find((b) => b.id === 'requests.by_category')?.byChild.length;
  const open = (level: Level, id: number) => { if (level !== 'compound' || o?.node.level !== 'compound') go({ level, id }); };
  const childLevel = o?.childLevel ? t(`dashboard.level.${o.childLevel}`) : '';
  const look = { dark: true };

  return createPortal(
    <ConfigProvider theme={darkTheme}>
      <div className="gz-screen" data-testid="dashboard-screen">
        <header className="gz-screen-head">
          <div className="gz-screen-title">{t('dashboard.screenTitle', { name: o?.node.name ?? '' })}</div>
          <div className="gz-screen-meta">
            <span data-testid="screen-live" data-status={status}>● {t('dashboard.live')}</span>
            <span>{from} — {to}</span>
            <span style={{ fontSize: 22, color: '#e6f0ff', fontVariantNumeric: 'tabular-nums' }}>{new Date(now).toLocaleString('zh-CN', { hour12: false })}</span>
            {o && <span>{t('dashboard.updated', { time: new Date(o.generatedAt).toLocaleTimeString('zh-CN', { hour12: false }) })}</span>}
            <Button icon={<FullscreenExitOutlined />} onClick={() => navigate(node ? `/dashboard?level=${node.level}&id=${node.id}` : '/dashboard')}>{t('dashboard.exit')}</Button>
          </div>
        </header>
        {!o || !registry.data ? <div style={{ display: 'grid', placeItems: 'center' }}><Spin size="large" /></div> : (
          <div className="gz-screen-body">
            <div className="gz-screen-kpis">
              {kpiIds.map((id) => {
                const m = metric(id);
                const v = o.metrics.find((x) => x.id === id);
                if (!m) return null;
                return (
                  <div key={id} className="gz-screen-kpi" data-testid={`screen-kpi-${id}`}>
                    <div className="gz-screen-kpi-label">{pick(m.name)}</div>
                    <div className={v?.status === 'ok' ? 'gz-screen-kpi-value' : 'gz-screen-kpi-value gz-muted'}>{formatMetric(m, v, t, formatNumber)}</div>
                  </div>
                );
              })}
            </div>
            {rankings.map((m, i) => (
              <section key={i} className="gz-screen-panel" data-testid={`screen-panel-ranking-${i}`} style={{ gridColumn: 1, gridRow: i + 2 }}>
                <h3>{m ? `${pick(m.name)} · ${t('dashboard.ranking', { level: childLevel })}` : t('dashboard.ranking', { level: childLevel })}</h3>
                <div className="gz-screen-fill">{m && <RankingTable overview={o} metric={m} dark onOpen={open} limit={8} />}</div>
              </section>
            ))}
            <section className="gz-screen-panel" data-testid="screen-panel-map" style={{ gridColumn: 2, gridRow: 2 }}>
              <h3>{t('dashboard.map')}</h3>
              <div className="gz-screen-fill"><Chart height="100%" option={mapOption(o, metric('places.households'), colour, look, (id) => {
                const v = o.childValues.find((c) => c.id === id)?.values ?? {};
                return ['requests.total', 'requests.response_rate'].map((mid) => `${pick(metric(mid)!.name)}: ${formatMetric(metric(mid)!, v[mid], t, formatNumber)}`).join('<br/>');
              })} onClick={(d) => { const x = d as { level?: Level; id?: number }; if (x.level && x.id) open(x.level, x.id); }} /></div>
            </section>
            <section className="gz-screen-panel" data-testid="screen-panel-calendar" style={{ gridColumn: 2, gridRow: 3 }}>
              <h3>{t('dashboard.calendar')} · {year}</h3>
              <div className="gz-screen-fill">{calendar.data && <Chart height="100%" option={calendarOption(calendar.data, look)} />}</div>
            </section>
            <section className="gz-screen-panel" data-testid="screen-panel-trend" style={{ gridColumn: 3, gridRow: 2 }}>
              <h3>{t('dashboard.trend')}</h3>
              <div className="gz-screen-fill"><Chart height="100%" option={trendOption(o, trendIds.map(metric).filter((m): m is RegistryMetric => !!m && !!o.trends.series[m.id]), (m) => pick(m.name), look, t('dashboard.partialMonth'))} /></div>
            </section>
            <section className="gz-screen-panel" data-testid="screen-panel-stacked" style={{ gridColumn: 3, gridRow: 3 }}>
              <h3>{pick(registry.data.breakdowns.find((b) => b.id === 'requests.by_category')?.name ?? { zh: '', en: '' })}</h3>
              <div className="gz-screen-fill"><Chart height="100%" option={byChild ? stackedByChildOption(o, 'requests.by_category', look) : stackedByQuarterOption(o, 'requests.by_category', look)} /></div>
            </section>
          </div>
        )}
      </div>
    </ConfigProvider>,
    document.body,
  );
}
