import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { Calendar, Overview, RegistryMetric } from '../api';
import { chartValue } from '../format';

/** ECharts options of the dashboard's panels (pure: the page and the big screen share them). */

export const palette = ['#c8161d', '#1677ff', '#13a8a8', '#faad14', '#722ed1', '#52c41a', '#eb2f96', '#fa8c16'];

export interface Look { dark?: boolean }
const axisColor = (l: Look) => (l.dark ? '#8fa3bf' : '#595959');
const splitColor = (l: Look) => (l.dark ? 'rgba(143,163,191,0.15)' : '#f0f0f0');

/**
 * Monthly lines. The month now running is shaded and labelled (`partialLabel`): its counts are
 * still growing and its rates are not final, so the dive at the right edge is not read as a fall.
 */
export function trendOption(o: Overview, metrics: RegistryMetric[], name: (m: RegistryMetric) => string, look: Look = {}, partialLabel = ''): EChartsOption {
  const percent = metrics.every((m) => m.unit === 'percent');
  const partial = o.trends.partialMonth;
  const band: LineSeriesOption['markArea'] = partial ? {
    silent: true,
    itemStyle: { color: look.dark ? 'rgba(143,163,191,0.12)' : 'rgba(0,0,0,0.04)' },
    label: { show: !!partialLabel, position: 'insideBottom', color: axisColor(look), fontSize: 11 },
    // From the last complete month's point to the running month's: the segment that dives. (One
    // category to itself has no width on a line chart's axis.)
    data: [[{ name: partialLabel, xAxis: o.trends.months[o.trends.months.indexOf(partial) - 1] ?? partial }, { xAxis: partial }]],
  } : undefined;
  return {
    color: palette,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: axisColor(look) } },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: o.trends.months, axisLabel: { color: axisColor(look) } },
    yAxis: { type: 'value', ...(percent ? { max: 100, axisLabel: { formatter: '{value}%', color: axisColor(look) } } : { axisLabel: { color: axisColor(look) } }), splitLine: { lineStyle: { color: splitColor(look) } } },
    series: metrics.map((m, i): LineSeriesOption => ({
      type: 'line', name: name(m), smooth: true, connectNulls: false, symbolSize: 6, data: (o.trends.series[m.id] ?? []).map((v) => chartValue(m, v)),
      ...(i === 0 && band ? { markArea: band } : {}),
    })),
  };
}

export function stackedByChildOption(o: Overview, breakdownId: string, look: Look = {}): EChartsOption {
  const b = o.breakdowns.find((x) => x.id === breakdownId);
  const names = new Map(o.children.map((c) => [c.id, c.name]));
  return {
    color: palette,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll', textStyle: { color: axisColor(look) } },
    grid: { left: 40, right: 16, top: 36, bottom: 56 },
    xAxis: { type: 'category', data: (b?.byChild ?? []).map((c) => names.get(c.id) ?? String(c.id)), axisLabel: { rotate: 30, color: axisColor(look), interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', axisLabel: { color: axisColor(look) }, splitLine: { lineStyle: { color: splitColor(look) } } },
    series: (b?.dims ?? []).map((d, i) => ({ type: 'bar', stack: 'all', name: d.label, data: (b?.byChild ?? []).map((c) => c.values[i] ?? 0) })),
  };
}

export function stackedByQuarterOption(o: Overview, breakdownId: string, look: Look = {}): EChartsOption {
  const b = o.breakdowns.find((x) => x.id === breakdownId);
  return {
    color: palette,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll', textStyle: { color: axisColor(look) } },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: (b?.byQuarter ?? []).map((q) => q.quarter), axisLabel: { color: axisColor(look) } },
    yAxis: { type: 'value', axisLabel: { color: axisColor(look) }, splitLine: { lineStyle: { color: splitColor(look) } } },
    series: (b?.dims ?? []).map((d, i) => ({ type: 'bar', stack: 'all', name: d.label, data: (b?.byQuarter ?? []).map((q) => q.values[i] ?? 0) })),
  };
}

export function calendarOption(c: Calendar, look: Look = {}): EChartsOption {
  const max = Math.max(1, ...c.days.map((d) => d.n));
  return {
    tooltip: { formatter: (p: unknown) => { const v = (p as { value: [string, number] }).value; return `${v[0]}: ${v[1]}`; } },
    visualMap: { min: 0, max, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, calculable: false, inRange: { color: look.dark ? ['#16243d', '#1d6fd1', '#ffb020', '#ff4d4f'] : ['#f5f5f5', '#ffd591', '#fa541c', '#a8071a'] }, textStyle: { color: axisColor(look) } },
    calendar: {
      top: 24, left: 36, right: 12, bottom: 48, range: String(c.year), cellSize: ['auto', 'auto'],
      dayLabel: { nameMap: 'ZH', color: axisColor(look), fontSize: 10 }, monthLabel: { nameMap: 'ZH', color: axisColor(look) }, yearLabel: { show: false },
      itemStyle: { borderColor: look.dark ? '#0b1526' : '#fff', borderWidth: 2, color: look.dark ? '#111d33' : '#fafafa' }, splitLine: { show: false },
    },
    series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: c.days.map((d) => [d.day, d.n]) }],
  };
}

/**
 * A schematic map: the children at their coordinates on plain value axes (no tiles are
 * reachable), sized by one metric and coloured by another.
 */
export function mapOption(o: Overview, size: RegistryMetric | undefined, colour: RegistryMetric | undefined, look: Look = {}, tip: (id: number) => string = () => ''): EChartsOption {
  const placed = o.children.filter((c) => c.lat !== null && c.lng !== null);
  const values = new Map(o.childValues.map((c) => [c.id, c.values]));
  const sizeOf = (id: number) => (size ? values.get(id)?.[size.id]?.value ?? 0 : 1);
  const maxSize = Math.max(1, ...placed.map((c) => sizeOf(c.id)));
  const colourOf = (id: number) => { const v = colour ? values.get(id)?.[colour.id] : undefined; return v?.status === 'ok' && v.value !== null ? chartValue(colour!, v.value) : null; };
  const lngs = placed.map((c) => c.lng!);
  const lats = placed.map((c) => c.lat!);
  const pad = (xs: number[]) => { const lo = Math.min(...xs); const hi = Math.max(...xs); const d = Math.max(0.002, (hi - lo) * 0.15); return [lo - d, hi + d] as const; };
  const [x0, x1] = placed.length ? pad(lngs) : [0, 1];
  const [y0, y1] = placed.length ? pad(lats) : [0, 1];
  return {
    tooltip: { formatter: (p: unknown) => { const d = (p as { data: { name: string; tip: string } }).data; return `${d.name}<br/>${d.tip}`; } },
    grid: { left: 8, right: 8, top: 8, bottom: 8 },
    xAxis: { type: 'value', min: x0, max: x1, show: false },
    yAxis: { type: 'value', min: y0, max: y1, show: false },
    visualMap: colour ? { dimension: 3, min: colour.unit === 'percent' ? 50 : 0, max: colour.unit === 'percent' ? 100 : Math.max(1, ...placed.map((c) => colourOf(c.id) ?? 0)), show: false, inRange: { color: ['#ff4d4f', '#faad14', '#52c41a'] }, outOfRange: { color: '#bfbfbf' } } : undefined,
    series: [{
      type: 'scatter',
      label: { show: true, position: 'right', color: look.dark ? '#e6f0ff' : '#262626', fontSize: 11, formatter: (p: unknown) => (p as { data: { name: string } }).data.name },
      data: placed.map((c) => ({ name: c.name, id: c.id, level: c.level, value: [c.lng!, c.lat!, sizeOf(c.id), colourOf(c.id) ?? -1], symbolSize: 12 + 34 * Math.sqrt(sizeOf(c.id) / maxSize), tip: tip(c.id) })),
      itemStyle: { opacity: 0.85, borderColor: look.dark ? '#0b1526' : '#fff', borderWidth: 1 },
    }],
  };
}
