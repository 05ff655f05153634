import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { SEVERITIES, SupplierPosition } from '@stockbridge/shared';
import { toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { OrgNamePipe } from '../../shared/directory/org-directory';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import { DashboardClient, PositionFilters } from './data/dashboard-client';
import { formatMoney } from './money';
import { SeverityChip, warningKindKey } from './severity';

/**
 * The supplier's dashboard: per buyer, the open warnings on its consignment stock there and
 * what that stock is worth; below, its positions (site × item) at the buyers with the
 * warnings on each. Nothing of the buyers' own figures (KPIs, heat map, proposals).
 */
@Component({
  selector: 'sb-supplier-dashboard',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatTableModule,
    MatProgressBarModule,
    CursorTable,
    PageHeader,
    SearchField,
    Icon,
    SeverityChip,
    TranslatePipe,
    OrgNamePipe,
  ],
  templateUrl: './supplier-dashboard.html',
  styleUrl: './supplier-dashboard.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupplierDashboard {
  private readonly client = inject(DashboardClient);
  private readonly i18n = inject(I18nService);
  protected readonly problems = inject(ProblemMessages);

  protected readonly severities = SEVERITIES;
  protected readonly kindKey = warningKindKey;

  protected readonly overview = rxResource({
    stream: () => this.client.supplierOverview(),
  });
  protected readonly overviewProblem = computed(() => {
    const err = this.overview.error();
    return err ? toProblem(err) : null;
  });

  protected readonly positions = new CursorPage<
    SupplierPosition,
    PositionFilters
  >({
    load: (request, filters) => this.client.supplierPositions(request, filters),
    filters: { buyerOrgId: '', locationCode: '', itemCode: '' },
  });

  protected readonly columns = [
    'buyer',
    'locationCode',
    'itemCode',
    'onHand',
    'inTransit',
    'worstSeverity',
    'warnings',
  ] as const;

  protected selectBuyer(buyerOrgId: string): void {
    this.positions.patchFilters({
      buyerOrgId:
        this.positions.filters().buyerOrgId === buyerOrgId ? '' : buyerOrgId,
    });
  }

  protected money(amount: string, currency: string): string {
    return formatMoney(this.i18n.locale(), amount, currency);
  }

  protected refresh(): void {
    this.overview.reload();
    this.positions.reload();
  }
}
