import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { ForecastDetail } from '@stockbridge/shared';
import { I18nService } from '../../core/i18n/i18n.service';
import { Chart } from '../../shared/charts/chart';
import { ChartOption } from '../../shared/charts/echarts-setup';

/**
 * Daily consumption (history) and the forecast (horizon) on one date axis; the forecast line
 * starts at the last history day so the two join. Numbers for pixels; the API's decimal
 * strings stay exact in the tooltip's source (the table below).
 */
@Component({
  selector: 'sb-forecast-chart',
  imports: [Chart],
  template: `
    <sb-chart
      [option]="option()"
      [label]="label()"
      data-testid="forecast-chart"
    />
  `,
  styles: `
    sb-chart {
      height: 320px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForecastChart {
  readonly detail = input.required<ForecastDetail>();

  private readonly i18n = inject(I18nService);

  protected readonly label = computed(() => {
    const d = this.detail();
    return this.i18n.t('forecast.detail.chartAria', {
      location: d.locationCode,
      item: d.itemCode,
      history: d.history.length,
      horizon: d.forecast.length,
    });
  });

  protected readonly option = computed<ChartOption>(() => {
    const d = this.detail();
    const dates = [...d.history.map((h) => h.date), ...d.forecast.map((f) => f.date)];
    const history = d.history.length;
    const actual = [
      ...d.history.map((h) => Number(h.qty)),
      ...d.forecast.map(() => null),
    ];
    const last = d.history[history - 1];
    const forecast = [
      ...d.history.map((_, i) => (i === history - 1 && last ? Number(last.qty) : null)),
      ...d.forecast.map((f) => Number(f.qty)),
    ];
    return {
      animation: false,
      grid: { left: 56, right: 24, top: 40, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: dates, boundaryGap: false },
      yAxis: { type: 'value', min: 0 },
      series: [
        {
          type: 'line',
          name: this.i18n.t('forecast.detail.actual'),
          data: actual,
          showSymbol: false,
          connectNulls: false,
          lineStyle: { width: 1.5, color: '#1565c0' },
          itemStyle: { color: '#1565c0' },
          areaStyle: { color: 'rgba(21, 101, 192, 0.10)' },
        },
        {
          type: 'line',
          name: this.i18n.t('forecast.detail.forecast'),
          data: forecast,
          showSymbol: false,
          connectNulls: false,
          lineStyle: { width: 2, type: 'dashed', color: '#e65100' },
          itemStyle: { color: '#e65100' },
        },
      ],
    };
  });
}
