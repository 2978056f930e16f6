import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { CalendarComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { EChartsOption } from 'echarts';

// Only what the dashboard draws: trend lines, stacked bars, the calendar heat map and the schematic map (a scatter on lng/lat).
echarts.use([LineChart, BarChart, HeatmapChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, CalendarComponent, VisualMapComponent, CanvasRenderer]);

const font = "-apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/** An ECharts chart with the app's font. `onClick` receives the clicked item's data. */
export function Chart({ option, height = 300, testId, onClick }: { option: EChartsOption; height?: number | string; testId?: string; onClick?: (data: unknown) => void }) {
  return (
    <div data-testid={testId} style={{ height }}>
      <ReactEChartsCore echarts={echarts} option={{ textStyle: { fontFamily: font }, animationDuration: 300, ...option }} style={{ height: '100%' }} notMerge lazyUpdate
        onEvents={onClick ? { click: (p: { data: unknown }) => onClick(p.data) } : undefined} />
    </div>
  );
}
