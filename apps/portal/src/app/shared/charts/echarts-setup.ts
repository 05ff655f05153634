/*
 * The part of ECharts the portal ships: only what the charts use, registered once. ECharts is
 * modular (`echarts/core` + the pieces); importing `echarts` itself would pull every chart type
 * and component into the bundle. A chart that needs another series type or component adds it
 * here (and to ChartOption below), nowhere else.
 */
import { HeatmapChart, LineChart } from 'echarts/charts';
import type { HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
} from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  HeatmapChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  CanvasRenderer,
]);

/** An option object limited to the registered parts (type-checked against them). */
export type ChartOption = ComposeOption<
  | HeatmapSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

export { init };
