import { Table, Tag } from 'antd';
import { useI18n } from '../../../app/i18n';
import type { Level, Overview, RegistryMetric } from '../api';
import { formatMetric } from '../format';

interface Row { id: number; level: Level; name: string; rank: number | null; value: number | null; status: string }

/** Children ranked by one metric from the overview (competition ranks; too few to rate unranked). */
export function rankRows(o: Overview, m: RegistryMetric): Row[] {
  const rows = o.children.map((c) => {
    const v = o.childValues.find((x) => x.id === c.id)?.values[m.id];
    return { id: c.id, level: c.level, name: c.name, value: v?.status === 'ok' ? v.value : null, status: v?.status ?? 'not_kept', rank: null as number | null };
  });
  const rated = rows.filter((r) => r.value !== null).sort((a, b) => (m.higherIsBetter ? b.value! - a.value! : a.value! - b.value!));
  rated.forEach((r, i) => { r.rank = i > 0 && rated[i - 1]!.value === r.value ? rated[i - 1]!.rank : i + 1; });
  return [...rated, ...rows.filter((r) => r.value === null)];
}

export function RankingTable({ overview, metric, onOpen, dark, size = 'small', limit }: { overview: Overview; metric: RegistryMetric; onOpen?: (level: Level, id: number) => void; dark?: boolean; size?: 'small' | 'middle'; limit?: number }) {
  const { t, formatNumber } = useI18n();
  const rows = rankRows(overview, metric).slice(0, limit);
  return (
    <Table<Row> rowKey="id" size={size} pagination={false} dataSource={rows} data-testid={`ranking-${metric.id}`} className={dark ? 'gz-screen-table' : undefined}
      onRow={(r) => ({ onClick: () => onOpen?.(r.level, r.id), style: { cursor: onOpen ? 'pointer' : undefined } })}
      columns={[
        { title: t('dashboard.rank'), dataIndex: 'rank', width: 64, render: (r: number | null) => (r === null ? '—' : r <= 3 ? <Tag color={['#c8161d', '#d46b08', '#d4b106'][r - 1]}>{r}</Tag> : r) },
        { title: t('dashboard.name'), dataIndex: 'name', ellipsis: true },
        { title: t('dashboard.value'), key: 'value', align: 'right', render: (_: unknown, r: Row) => <span style={{ fontVariantNumeric: 'tabular-nums', opacity: r.value === null ? 0.55 : 1 }}>{formatMetric(metric, { value: r.value, status: r.status as 'ok' }, t, formatNumber)}</span> },
      ]} />
  );
}
