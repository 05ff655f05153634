import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { EChartsType } from 'echarts/core';
import { ChartOption, init } from './echarts-setup';

/** What a click on a data item reports (heat map cell, line point). */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  value: unknown;
  name: string;
}

/**
 * One ECharts instance in a block element: `<sb-chart [option]="option()" label="…" />`.
 *
 * - The chart fills the host; give the host a height (CSS) — it follows the container's size
 *   (ResizeObserver), so it reflows with the sidenav, the window and grid changes.
 * - A new `option` replaces the previous one (`notMerge`): build it in a `computed()` from
 *   the data and the language, and the chart follows both.
 * - Disposed with the component (no leaked canvas, listeners or observers).
 * - Canvas output is an image: `label` becomes the host's `aria-label` (role `img`); keep the
 *   same figures readable elsewhere on the page (tables, tooltips).
 */
@Component({
  selector: 'sb-chart',
  template: '',
  host: {
    role: 'img',
    '[attr.aria-label]': 'label() || null',
  },
  styles: `
    :host {
      display: block;
      position: relative;
      width: 100%;
      min-height: 160px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Chart {
  readonly option = input.required<ChartOption>();
  readonly label = input('');
  readonly chartClick = output<ChartClick>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly chart = signal<EChartsType | null>(null);

  constructor() {
    const destroyRef = inject(DestroyRef);
    let observer: ResizeObserver | null = null;
    let frame = 0;

    // The DOM must exist (and have its size) before ECharts measures it.
    afterNextRender(() => {
      if (destroyRef.destroyed) return;
      const element = this.host.nativeElement;
      const chart = init(element, null, { renderer: 'canvas' });
      chart.on('click', (params) =>
        this.chartClick.emit({
          seriesIndex: params.seriesIndex ?? 0,
          dataIndex: params.dataIndex,
          value: params.value,
          name: params.name,
        }),
      );
      observer = new ResizeObserver(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => chart.resize());
      });
      observer.observe(element);
      this.chart.set(chart);
    });

    effect(() => {
      const chart = this.chart();
      const option = this.option();
      chart?.setOption(option, { notMerge: true });
    });

    destroyRef.onDestroy(() => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
      this.chart()?.dispose();
      this.chart.set(null);
    });
  }
}
