import { Card, Empty, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../app/auth';
import { PageHeading } from '../../../app/components/PageHeading';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { communityOf, currentPeriods, membersApi, type HonourRoll, type HonourScope } from '../api';

/** The 红榜 table, staff and phone alike: ranks from the ledger, frozen once the period has closed; a street's roll names the communities. */
export function HonourRollView({ communityId, streetId, compact = false }: { communityId?: number; streetId?: number; compact?: boolean }) {
  const { t } = useI18n();
  const periods = currentPeriods();
  const previousYear = String(Number(periods.year) - 1);
  const [period, setPeriod] = useState(periods.year);
  const scope: HonourScope = streetId !== undefined ? { streetId } : { communityId: communityId! };
  const roll = useApi((signal) => membersApi.honourRoll(scope, period, signal), [communityId, streetId, period]);
  const street = streetId !== undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented value={period} onChange={(v) => setPeriod(String(v))} options={[
          { value: periods.year, label: `${periods.year}${t('members.honour.year')}` }, { value: periods.quarter, label: t('members.honour.quarter') }, { value: previousYear, label: previousYear },
        ]} />
        {roll.data && <Tag color={roll.data.frozen ? 'default' : 'green'} data-testid="honour-frozen">{t(roll.data.frozen ? 'members.honour.frozen' : 'members.honour.live')}</Tag>}
        {roll.data && street && <Typography.Text type="secondary" data-testid="honour-street">{t('members.honour.streetOf', { name: roll.data.scopeName, n: roll.data.communities })}</Typography.Text>}
      </Space>
      {roll.data && roll.data.items.length === 0 ? <Empty description={t('members.honour.empty')} /> : (
        <Table<HonourRoll['items'][number]> rowKey="personId" size={compact ? 'small' : 'middle'} loading={roll.loading} pagination={false} dataSource={roll.data?.items ?? []} data-testid="honour-table"
          columns={[
            { title: t('members.honour.col.rank'), width: 64, render: (_, r) => <span className={`gz-honour-rank${r.rank <= 3 ? ' top' : ''}`}>{r.rank}</span> },
            { title: t('members.honour.col.name'), render: (_, r) => <span>{r.name} {r.badge && <Tag color="red">{r.badge}</Tag>}</span> },
            ...(street && (roll.data?.communities ?? 0) > 1 ? [{ title: t('members.honour.col.communities'), render: (_: unknown, r: HonourRoll['items'][number]) => (r.communityNames ?? []).join('、') }] : []),
            { title: t('members.honour.col.hours'), dataIndex: 'hours', render: (v: number) => <Typography.Text strong data-testid="honour-hours">{v}</Typography.Text> },
            { title: t('members.honour.col.points'), dataIndex: 'points' },
            ...(compact ? [] : [{ title: t('members.honour.col.services'), dataIndex: 'services' }]),
          ]} />
      )}
    </Space>
  );
}

/**
 * Staff: the 红榜 of their community, or of a street — street office staff see their own
 * street's, the department picks one of the streets of its district or city.
 */
export default function HonourRollPage() {
  const { t } = useI18n();
  const me = useMe();
  const communityId = me.roles.some((g) => g.scopeType === 'community') ? communityOf(me) : null;
  const streets = useApi((signal) => membersApi.honourStreets(signal), []);
  const streetList = streets.data?.items ?? [];
  const [view, setView] = useState<'community' | 'street'>('community');
  const [streetId, setStreetId] = useState<number>();
  const shownStreet = streetId ?? streetList[0]?.id;
  const showStreet = (view === 'street' || communityId === null) && shownStreet !== undefined;
  return (
    <>
      <PageHeading title={t('members.honour.title')} subtitle={t('members.honour.subtitle')} />
      <Card variant="borderless">
        <Space direction="vertical" style={{ width: '100%' }}>
          {(communityId !== null && streetList.length > 0 || streetList.length > 1) && (
            <Space wrap>
              {communityId !== null && streetList.length > 0 && (
                <Segmented<'community' | 'street'> value={view} onChange={setView} data-testid="honour-scope"
                  options={[{ value: 'community', label: t('members.honour.community') }, { value: 'street', label: t('members.honour.street') }]} />
              )}
              {streetList.length > 1 && (view === 'street' || communityId === null) && (
                <Select style={{ minWidth: 240 }} value={shownStreet} onChange={setStreetId} data-testid="honour-street-select"
                  options={streetList.map((s) => ({ value: s.id, label: `${s.districtName} · ${s.name}` }))} />
              )}
            </Space>
          )}
          {showStreet ? <HonourRollView key={`s${shownStreet}`} streetId={shownStreet} />
            : communityId !== null ? <HonourRollView key={`c${communityId}`} communityId={communityId} />
            : streets.loading ? null : <Empty />}
        </Space>
      </Card>
    </>
  );
}
