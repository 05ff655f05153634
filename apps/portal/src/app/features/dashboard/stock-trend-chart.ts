import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { StockTrend } from '@stockbridge/shared';
import { I18nService } from '../../core/i18n/i18n.service';
import { Chart } from '../../shared/charts/chart';
import { ChartOption } from '../../shared/charts/echarts-setup';
import { SEVERITY_COLORS } from './severity';

/**
 * On hand and in transit per business day against the policy's min and max. The chart plots
 * numbers (pixels need no exactness); the API's decimal strings stay exact in the tooltip.
 */
@Component({
  selector: 'sb-stock-trend-chart',
  imports: [Chart],
  template: `
    <sb-chart
      [option]="option()"
      [label]="label()"
      data-testid="trend-chart"
    />
  `,
  styles: `
    sb-chart {
      height: 300px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StockTrendChart {
  readonly trend = input.required<StockTrend>();

  private readonly i18n = inject(I18nService);

  protected readonly label = computed(() =>
    this.i18n.t('dashboard.trend.aria', {
      location: this.trend().locationCode,
      item: this.trend().itemCode,
      days: this.trend().points.length,
    }),
  );

  protected readonly option = computed<ChartOption>(() => {
    const trend = this.trend();
    const dates = trend.points.map((p) => p.date);
    const flat = (value: string | null) =>
      value === null ? [] : trend.points.map(() => Number(value));
    const onHand = this.i18n.t('dashboard.trend.onHand');
    const inTransit = this.i18n.t('dashboard.trend.inTransit');
    const min = this.i18n.t('dashboard.trend.min');
    const max = this.i18n.t('dashboard.trend.max');
    return {
      animation: false,
      grid: { left: 56, right: 24, top: 40, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: dates, boundaryGap: false },
      yAxis: { type: 'value', name: trend.uom, min: 0 },
      series: [
        {
          type: 'line',
          name: onHand,
          data: trend.points.map((p) => Number(p.onHand)),
          step: 'end',
          showSymbol: false,
          lineStyle: { width: 2, color: '#1565c0' },
          itemStyle: { color: '#1565c0' },
          areaStyle: { color: 'rgba(21, 101, 192, 0.12)' },
        },
        {
          type: 'line',
          name: inTransit,
          data: trend.points.map((p) => Number(p.inTransit)),
          step: 'end',
          showSymbol: false,
          lineStyle: { width: 1.5, type: 'dashed', color: '#6a1b9a' },
          itemStyle: { color: '#6a1b9a' },
        },
        {
          type: 'line',
          name: min,
          data: flat(trend.minQty),
          showSymbol: false,
          lineStyle: { width: 1.5, type: 'dotted', color: SEVERITY_COLORS.RED },
          itemStyle: { color: SEVERITY_COLORS.RED },
        },
        {
          type: 'line',
          name: max,
          data: flat(trend.maxQty),
          showSymbol: false,
          lineStyle: { width: 1.5, type: 'dotted', color: '#757575' },
          itemStyle: { color: '#757575' },
        },
      ],
    };
  });
}
