import { EnvironmentOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Descriptions, Result, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth, useMe } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { registry, type ResidentTile } from '../../../app/navigation';
import { useApi } from '../../../app/useApi';
import { placesApi } from '../../places/api';

function Tile({ tile }: { tile: ResidentTile }) {
  const { t } = useI18n();
  const live = registry.hasResidentPath(tile.path);
  const body = (
    <>
      <span className="gz-tile-icon">{tile.icon}</span>
      <span className="gz-tile-title">{t(tile.label)}</span>
      {tile.description && <span className="gz-tile-text">{t(tile.description)}</span>}
      {!live && <span className="gz-tile-badge">{t('common.comingSoon')}</span>}
    </>
  );
  if (!live) {
    return <div className="gz-tile gz-tile-disabled" aria-disabled data-tile={tile.key}>{body}</div>;
  }
  return <Link to={tile.path} className="gz-tile" style={{ background: tile.color ?? '#c8161d' }} data-tile={tile.key}>{body}</Link>;
}

/** The resident's phone home: my household, what I can do, my community. */
export default function ResidentHome() {
  const me = useMe();
  const { can } = useAuth();
  const { t, formatNumber } = useI18n();
  const home = me.household;
  const household = useApi((signal) => placesApi.household(home!.id, signal), [home?.id], home !== null);
  const tiles = registry.residentTiles().filter((tile) => can(tile.permission));

  if (!home) return <Result status="info" title={t('home.noHousehold')} subTitle={t('home.noHouseholdText')} />;
  const h = household.data;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 14 }}>
      <section className="gz-home-card" data-testid="household-card">
        <div style={{ fontSize: 13, opacity: 0.85, marginBottom: 4 }}><HomeOutlined /> {t('home.myHome')} · {t('home.greeting', { name: me.name })}</div>
        <div style={{ fontSize: 22, fontWeight: 700, letterSpacing: 1 }}>{home.compoundName}</div>
        <div style={{ fontSize: 15, marginTop: 2 }}>{home.label.startsWith(home.compoundName) ? home.label.slice(home.compoundName.length).trim() : home.label}</div>
        <div style={{ display: 'flex', gap: 8, marginTop: 12, flexWrap: 'wrap' }}>
          <Tag variant="filled" style={{ background: 'rgba(255,255,255,0.18)', color: '#fff', border: 'none' }}><EnvironmentOutlined /> {home.communityName}</Tag>
          {h && <Tag variant="filled" style={{ background: 'rgba(255,255,255,0.18)', color: '#fff', border: 'none' }}>{t('common.m2', { value: formatNumber(h.areaM2) })}</Tag>}
          {h && <Tag variant="filled" style={{ background: 'rgba(255,255,255,0.18)', color: '#fff', border: 'none' }}><TeamOutlined /> {t('home.memberCount', { count: h.members.length })}</Tag>}
        </div>
      </section>

      <section>
        <Typography.Title level={5} style={{ margin: '4px 4px 10px' }}>{t('home.services')}</Typography.Title>
        <div className="gz-tiles">
          {tiles.map((tile) => <Tile key={tile.key} tile={tile} />)}
        </div>
      </section>

      <Card size="small" variant="borderless" title={<span><EnvironmentOutlined style={{ color: '#c8161d' }} /> {t('home.myCommunity')}</span>}>
        <Descriptions column={1} size="small" items={[
          { key: 'community', label: t('home.community'), children: home.communityName },
          { key: 'compound', label: t('home.compound'), children: home.compoundName },
          { key: 'address', label: t('home.household'), children: home.label },
          ...(h ? [{ key: 'area', label: t('home.area'), children: t('common.m2', { value: formatNumber(h.areaM2) }) }] : []),
        ]} />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>{t('home.communityNote')}</Typography.Paragraph>
      </Card>

      <Card size="small" variant="borderless" data-testid="family-card" title={<span><TeamOutlined style={{ color: '#c8161d' }} /> {t('home.family')}</span>}>
        {!h ? <Skeleton active paragraph={{ rows: 2 }} /> : (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {h.members.map((m) => (
              <div key={m.personId} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
                <span><Tag color={m.relation === 'owner' ? 'red' : 'default'}>{t(`places.relation.${m.relation}`)}</Tag>{m.name}</span>
                {m.phone && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{m.phone}</Typography.Text>}
              </div>
            ))}
          </div>
        )}
      </Card>
    </div>
  );
}
