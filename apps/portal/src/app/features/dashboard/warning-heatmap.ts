import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { HeatmapCell, WarningHeatmap } from '@stockbridge/shared';
import { I18nService } from '../../core/i18n/i18n.service';
import { Chart, ChartClick } from '../../shared/charts/chart';
import { ChartOption } from '../../shared/charts/echarts-setup';
import { SEVERITY_COLORS, severityKey, warningKindKey } from './severity';

/** 0 = a policy or stock and nothing open; 1–3 = the worst open warning's severity. */
const RANK = { OK: 0, YELLOW: 1, ORANGE: 2, RED: 3 } as const;

export interface SiteItem {
  locationCode: string;
  itemCode: string;
}

/** Sites (rows) × items (columns), each cell coloured by its worst open warning. */
@Component({
  selector: 'sb-warning-heatmap',
  imports: [Chart],
  template: `
    <sb-chart
      [option]="option()"
      [label]="label()"
      [style.height.px]="height()"
      (chartClick)="select($event)"
      data-testid="heatmap-chart"
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WarningHeatmapChart {
  readonly heatmap = input.required<WarningHeatmap>();
  readonly cellSelected = output<SiteItem>();

  private readonly i18n = inject(I18nService);

  protected readonly height = computed(
    () => 120 + Math.max(this.heatmap().locations.length, 2) * 44,
  );

  protected readonly label = computed(() =>
    this.i18n.t('dashboard.heatmap.aria', {
      sites: this.heatmap().locations.length,
      items: this.heatmap().items.length,
    }),
  );

  /** Cells by grid position, for the tooltip and the click. */
  private readonly cellAt = computed(() => {
    const map = this.heatmap();
    const x = new Map(map.items.map((i, n) => [i.code, n]));
    const y = new Map(map.locations.map((l, n) => [l.code, n]));
    return map.cells.map((cell) => ({
      cell,
      value: [
        x.get(cell.itemCode) ?? 0,
        y.get(cell.locationCode) ?? 0,
        RANK[cell.severity ?? 'OK'],
      ] as [number, number, number],
    }));
  });

  protected readonly option = computed<ChartOption>(() => {
    const map = this.heatmap();
    const cells = this.cellAt();
    const t = (key: Parameters<I18nService['t']>[0]) => this.i18n.t(key);
    return {
      animation: false,
      grid: { left: 96, right: 16, top: 8, bottom: 88, containLabel: false },
      tooltip: {
        position: 'top',
        formatter: (p) => {
          const index = (p as { dataIndex: number }).dataIndex;
          const entry = cells[index];
          return entry ? this.tooltip(entry.cell) : '';
        },
      },
      xAxis: {
        type: 'category',
        data: map.items.map((i) => i.code),
        axisLabel: { rotate: 45, interval: 0, fontSize: 11 },
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: map.locations.map((l) => l.code),
        splitArea: { show: true },
      },
      visualMap: {
        type: 'piecewise',
        dimension: 2,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        pieces: [
          { value: 0, label: t('dashboard.heatmap.ok'), color: SEVERITY_COLORS.OK },
          { value: 1, label: t('severity.YELLOW'), color: SEVERITY_COLORS.YELLOW },
          { value: 2, label: t('severity.ORANGE'), color: SEVERITY_COLORS.ORANGE },
          { value: 3, label: t('severity.RED'), color: SEVERITY_COLORS.RED },
        ],
      },
      series: [
        {
          type: 'heatmap',
          name: t('dashboard.heatmap.title'),
          data: cells.map((c) => c.value),
          itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
          emphasis: { itemStyle: { borderColor: '#333333', borderWidth: 2 } },
        },
      ],
    };
  });

  protected select(click: ChartClick): void {
    const entry = this.cellAt()[click.dataIndex];
    if (entry)
      this.cellSelected.emit({
        locationCode: entry.cell.locationCode,
        itemCode: entry.cell.itemCode,
      });
  }

  private tooltip(cell: HeatmapCell): string {
    const head = `${escapeHtml(cell.locationCode)} · ${escapeHtml(cell.itemCode)}`;
    if (!cell.severity) return `${head}<br/>${escapeHtml(this.i18n.t('dashboard.heatmap.ok'))}`;
    const kinds = cell.kinds.map((k) => this.i18n.t(warningKindKey(k))).join(', ');
    return `${head}<br/>${escapeHtml(this.i18n.t(severityKey(cell.severity)))} · ${escapeHtml(
      this.i18n.t('dashboard.heatmap.open', { count: cell.openWarnings }),
    )}<br/>${escapeHtml(kinds)}`;
  }
}

/** Tooltips are HTML: codes come from the buyer's master data, so escape them. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
