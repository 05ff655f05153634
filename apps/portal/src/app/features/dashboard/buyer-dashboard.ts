import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ItemField } from '../../shared/directory/item-field';
import { LocationDirectory } from '../../shared/directory/location-directory';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { DashboardClient } from './data/dashboard-client';
import { KpiCards } from './kpi-cards';
import { ProposalsPanel } from './proposals-panel';
import { StockTrendChart } from './stock-trend-chart';
import { SiteItem, WarningHeatmapChart } from './warning-heatmap';
import { WarningsInbox } from './warnings-inbox';

/** Items on the heat map: the worst first (the API ranks them). */
const HEATMAP_ITEMS = 40;
const SEVERITY_ORDER = ['RED', 'ORANGE', 'YELLOW'] as const;
export const TREND_DAYS = [30, 90, 180, 365] as const;

/**
 * The buyer's VMI dashboard: KPI cards, the sites × items heat map, the stock trend of one
 * (site, item) — picked on the map or in the fields — the warnings inbox and, for planners,
 * the replenishment proposals.
 */
@Component({
  selector: 'sb-buyer-dashboard',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatProgressBarModule,
    PageHeader,
    Icon,
    ItemField,
    TranslatePipe,
    KpiCards,
    WarningHeatmapChart,
    StockTrendChart,
    WarningsInbox,
    ProposalsPanel,
  ],
  templateUrl: './buyer-dashboard.html',
  styleUrl: './buyer-dashboard.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BuyerDashboard {
  private readonly client = inject(DashboardClient);
  private readonly auth = inject(AuthStore);
  protected readonly locations = inject(LocationDirectory);
  protected readonly problems = inject(ProblemMessages);

  protected readonly canSeeProposals = this.auth.can('replenishment:read');
  protected readonly trendDays = TREND_DAYS;

  private readonly inbox = viewChild(WarningsInbox);
  private readonly proposalsPanel = viewChild(ProposalsPanel);

  protected readonly kpis = rxResource({ stream: () => this.client.kpis() });
  protected readonly heatmap = rxResource({
    stream: () => this.client.heatmap(HEATMAP_ITEMS),
  });

  /** The (site, item) of the trend chart; the worst cell of the map until someone picks. */
  protected readonly selection = signal<SiteItem | null>(null);
  protected readonly days = signal<number>(30);
  protected readonly itemControl = new FormControl('', { nonNullable: true });

  protected readonly trend = rxResource({
    params: () => {
      const s = this.selection();
      return s ? { ...s, days: this.days() } : undefined;
    },
    stream: ({ params }) =>
      this.client.trend(params.locationCode, params.itemCode, params.days),
  });

  protected readonly heatmapProblem = computed(() => {
    const err = this.heatmap.error();
    return err ? toProblem(err) : null;
  });
  protected readonly trendProblem = computed(() => {
    const err = this.trend.error();
    return err ? toProblem(err) : null;
  });
  protected readonly kpiProblem = computed(() => {
    const err = this.kpis.error();
    return err ? toProblem(err) : null;
  });

  constructor() {
    effect(() => {
      const cells = this.heatmap.value()?.cells ?? [];
      // The worst cell (items come worst first, so the first cell of that severity).
      const worst =
        SEVERITY_ORDER.map((s) => cells.find((c) => c.severity === s)).find(
          (c) => c !== undefined,
        ) ?? cells[0];
      if (worst && untracked(this.selection) === null) {
        this.pick({ locationCode: worst.locationCode, itemCode: worst.itemCode });
      }
    });
  }

  protected pick(cell: SiteItem): void {
    this.selection.set(cell);
    this.itemControl.setValue(cell.itemCode, { emitEvent: false });
  }

  protected pickLocation(locationCode: string): void {
    const item = this.selection()?.itemCode ?? this.itemControl.value.trim();
    if (item) this.selection.set({ locationCode, itemCode: item });
  }

  protected pickItem(itemCode: string): void {
    const location =
      this.selection()?.locationCode ?? this.locations.vmi()[0]?.code;
    if (location && itemCode) this.selection.set({ locationCode: location, itemCode });
  }

  protected refresh(): void {
    this.kpis.reload();
    this.heatmap.reload();
    this.trend.reload();
    this.inbox()?.page.reload();
    this.proposalsPanel()?.reload();
  }
}
