import { PlusOutlined } from '@ant-design/icons';
import { DownOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Input, Segmented, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { stationsApi, type Item, type ItemStatus, type Section, type StationDetail } from '../api';
import { daysUntil, fmtTime } from '../format';
import { CheckoutModal } from './CheckoutModal';
import { ItemModal, StockModal, type StockAction } from './ItemModals';

const statusColor: Record<ItemStatus, string> = { below_standard: 'orange', expired: 'red', near_expiry: 'gold', inspection_due: 'purple' };

/** 物资库存: the catalogue by section and category, searchable, with what needs attention. */
export function ItemsTab({ station, version, onChanged }: { station: StationDetail; version: number; onChanged: () => void }) {
  const { t } = useI18n();
  const [section, setSection] = useState<Section | 'all'>('all');
  const [category, setCategory] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [stock, setStock] = useState<{ item: Item; action: StockAction } | null>(null);
  const [taking, setTaking] = useState<Item | null>(null);
  const [history, setHistory] = useState<Item | null>(null);
  const items = useApi(
    (signal) => stationsApi.items(station.id, { q: q || undefined, section: section === 'all' ? undefined : section, category, status, ...page }, signal),
    [station.id, section, category, status, q, page.page, page.pageSize, version],
  );
  const manage = station.abilities.manage;
  const categories = (items.data?.categories ?? []).filter((c) => section === 'all' || c.section === section);

  return (
    <div data-testid="items-tab">
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Segmented<Section | 'all'> value={section} onChange={(v) => { setSection(v); setCategory(undefined); setPage((p) => ({ ...p, page: 1 })); }}
            options={[{ value: 'all', label: t('stations.items.all') }, { value: 'rescue', label: t('stations.section.rescue') }, { value: 'supplies', label: t('stations.section.supplies') }]} />
          <Select allowClear placeholder={t('stations.items.category')} style={{ width: 160 }} value={category} onChange={(v) => { setCategory(v); setPage((p) => ({ ...p, page: 1 })); }}
            options={categories.map((c) => ({ value: c.category, label: `${c.category}（${c.kinds}）` }))} />
          <Select allowClear placeholder={t('stations.items.status')} style={{ width: 150 }} value={status} onChange={(v) => { setStatus(v); setPage((p) => ({ ...p, page: 1 })); }}
            options={(['attention', 'below_standard', 'expired', 'near_expiry', 'inspection_due'] as const).map((s) => ({ value: s, label: s === 'attention' ? t('stations.items.attention') : t(`stations.alert.${s}`) }))} />
          <Input.Search allowClear placeholder={t('stations.items.search')} style={{ width: 240 }} onSearch={(v) => { setQ(v.trim()); setPage((p) => ({ ...p, page: 1 })); }} />
        </Space>
        {manage && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('stations.items.add')}</Button>}
      </Space>
      <Table<Item>
        rowKey="id" size="middle" loading={items.loading} dataSource={items.data?.items}
        pagination={{ current: page.page, pageSize: page.pageSize, total: items.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (p, ps) => setPage({ page: p, pageSize: ps }) }}
        rowClassName={(i) => (i.status.includes('expired') || (i.status.includes('below_standard') && i.quantity === 0) ? 'gz-station-row-critical' : '')}
        columns={[
          {
            title: t('stations.items.name'), dataIndex: 'name',
            render: (name: string, i) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`stations.section.${i.section}`)} · {i.category}{i.consumable ? ` · ${t('stations.items.consumable')}` : ''}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('stations.items.stock'), key: 'stock', width: 130,
            render: (_, i) => (
              <span data-testid={`stock-${i.id}`}>
                <Typography.Text strong type={i.quantity < i.standardQuantity ? 'danger' : undefined} style={{ fontSize: 16 }}>{i.quantity}</Typography.Text>
                <Typography.Text type="secondary"> / {i.standardQuantity} {i.unit}</Typography.Text>
              </span>
            ),
          },
          { title: t('stations.items.out'), dataIndex: 'out', width: 70, align: 'right', render: (n: number, i) => (n ? `${n} ${i.unit}` : '—') },
          { title: t('stations.items.location'), dataIndex: 'location', width: 130, render: (l: string | null) => l ?? '—' },
          {
            title: t('stations.items.expiresOn'), dataIndex: 'expiresOn', width: 120,
            render: (d: string | null) => (d ? <Typography.Text type={daysUntil(d) < 0 ? 'danger' : daysUntil(d) <= 30 ? 'warning' : undefined}>{d}</Typography.Text> : '—'),
          },
          {
            title: t('stations.items.nextInspection'), dataIndex: 'nextInspectionOn', width: 120,
            render: (d: string | null, i) => (d ? <span title={i.lastInspectedOn ? t('stations.items.lastInspected', { day: i.lastInspectedOn }) : undefined}>{d}</span> : '—'),
          },
          {
            title: t('stations.items.statusCol'), dataIndex: 'status', width: 150,
            render: (st: ItemStatus[]) => (st.length === 0 ? <Tag color="green">{t('stations.items.ok')}</Tag> : st.map((s) => <Tag key={s} color={statusColor[s]}>{t(`stations.alert.${s}`)}</Tag>)),
          },
          {
            title: t('stations.items.actions'), key: 'actions', width: 170,
            render: (_, i) => (
              <Space size={0}>
                {station.abilities.checkout && <Button type="link" size="small" disabled={i.quantity === 0} onClick={() => setTaking(i)}>{t('stations.items.checkOut')}</Button>}
                <Dropdown trigger={['click']} menu={{
                  items: [
                    ...(manage ? [
                      { key: 'restock', label: t('stations.items.restock'), onClick: () => setStock({ item: i, action: 'restock' }) },
                      { key: 'stocktake', label: t('stations.items.stocktake'), onClick: () => setStock({ item: i, action: 'stocktake' }) },
                      ...(i.inspectEveryDays ? [{ key: 'inspect', label: t('stations.items.inspect'), onClick: () => setStock({ item: i, action: 'inspect' as const }) }] : []),
                      { key: 'edit', label: t('stations.items.edit'), onClick: () => setEditing(i) },
                    ] : []),
                    { key: 'history', label: t('stations.items.history'), onClick: () => setHistory(i) },
                  ],
                }}>
                  <Button type="link" size="small">{t('stations.items.more')} <DownOutlined /></Button>
                </Dropdown>
              </Space>
            ),
          },
        ]}
      />
      {editing && <ItemModal station={station} item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={onChanged} />}
      {stock && <StockModal item={stock.item} action={stock.action} onClose={() => setStock(null)} onDone={onChanged} />}
      {taking && <CheckoutModal station={station} item={taking} onClose={() => setTaking(null)} onDone={onChanged} />}
      {history && <ItemHistory item={history} onClose={() => setHistory(null)} />}
    </div>
  );
}

const eventColor: Record<string, string> = { initial: 'gray', restock: 'green', checkout: 'blue', return: 'green', lost: 'red', stocktake: 'orange', inspection: 'purple' };

/** 台账: the item's ledger, newest first. */
function ItemHistory({ item, onClose }: { item: Item; onClose: () => void }) {
  const { t } = useI18n();
  const events = useApi((signal) => stationsApi.itemEvents(item.id, signal), [item.id]);
  return (
    <Drawer open onClose={onClose} width={460} title={t('stations.items.historyTitle', { name: item.name })}>
      <Timeline items={(events.data?.items ?? []).map((e) => ({
        color: eventColor[e.kind],
        children: (
          <div>
            <Space size={6}>
              <Tag color={eventColor[e.kind]}>{t(`stations.event.${e.kind}`)}</Tag>
              {e.delta !== 0 && <Typography.Text strong>{e.delta > 0 ? `+${e.delta}` : e.delta}</Typography.Text>}
              <Typography.Text type="secondary">{t('stations.items.after', { quantity: e.quantityAfter, unit: item.unit })}</Typography.Text>
            </Space>
            <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(e.at)} · {e.actorName ?? '—'}</Typography.Text></div>
            {e.note && <div style={{ fontSize: 13 }}>{e.note}</div>}
          </div>
        ),
      }))} />
      {events.data && events.data.total > events.data.items.length && <Typography.Text type="secondary">{t('common.total', { total: events.data.total })}</Typography.Text>}
    </Drawer>
  );
}
