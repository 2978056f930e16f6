import { BarChart, GaugeChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { EChartsOption } from 'echarts';

// Only what the station pages draw: the readiness gauge and the ranking bars.
echarts.use([GaugeChart, BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

const font = "-apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

export function Chart({ option, height = 240, testId }: { option: EChartsOption; height?: number; testId?: string }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={{ textStyle: { fontFamily: font }, animationDuration: 300, ...option }} style={{ height }} notMerge lazyUpdate />
    </div>
  );
}
