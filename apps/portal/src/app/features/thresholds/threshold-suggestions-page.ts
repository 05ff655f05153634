import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  THRESHOLD_SUGGESTION_STATUSES,
  ThresholdSuggestion,
} from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { LocationDirectory } from '../../shared/directory/location-directory';
import {
  ReasonDialog,
  ReasonDialogData,
} from '../../shared/forms/reason-dialog';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import { suggestionStatusKey } from '../forecasting/forecast-keys';
import {
  ThresholdSuggestionFilters,
  ThresholdSuggestionsClient,
} from './data/threshold-suggestions-client';

/** "135.000000" → "135": the API's fixed 6 decimals, without the trailing zeros. */
const trimQty = (qty: string | null) =>
  qty === null ? '—' : qty.includes('.') ? qty.replace(/\.?0+$/, '') : qty;

/**
 * Threshold suggestions (阈值自学习): per stock policy the suggested min/max, why, and the
 * stock-out risk now vs with the suggestion. Planners and buyer admins accept (the policy
 * changes, recorded with who and when) or reject (with an optional comment); nothing else
 * changes a policy.
 */
@Component({
  selector: 'sb-threshold-suggestions-page',
  imports: [
    MatTableModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatTooltipModule,
    CursorTable,
    PageHeader,
    SearchField,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './threshold-suggestions-page.html',
  styles: `
    .reason {
      min-width: 320px;
      max-width: 520px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      gap: 8px;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThresholdSuggestionsPage {
  private readonly client = inject(ThresholdSuggestionsClient);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);
  protected readonly locations = inject(LocationDirectory);
  protected readonly canDecide = inject(AuthStore).can('masterdata:write');
  protected readonly statuses = THRESHOLD_SUGGESTION_STATUSES;
  protected readonly statusKey = suggestionStatusKey;
  protected readonly trimQty = trimQty;
  /** Suggestions being accepted. */
  protected readonly busy = signal<ReadonlySet<string>>(new Set());

  protected readonly page = new CursorPage<ThresholdSuggestion, ThresholdSuggestionFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: { status: 'PENDING', locationCode: '', itemCode: '' },
  });
  protected readonly columns = [
    'location',
    'item',
    'policy',
    'suggested',
    'risk',
    'reason',
    'status',
    'actions',
  ] as const;

  protected accept(s: ThresholdSuggestion): void {
    this.busy.update((set) => new Set([...set, s.id]));
    this.client.accept(s.id).subscribe({
      next: (done) => {
        this.notifier.success('thresholds.accepted', {
          location: done.locationCode,
          item: done.itemCode,
          min: trimQty(done.policyMinQty),
          max: trimQty(done.policyMaxQty),
        });
        this.settle(s.id);
      },
      error: (e) => {
        this.notifier.problem(toProblem(e));
        this.settle(s.id);
      },
    });
  }

  protected reject(s: ThresholdSuggestion): void {
    const data: ReasonDialogData<ThresholdSuggestion> = {
      titleKey: 'thresholds.rejectTitle',
      titleParams: { location: s.locationCode, item: s.itemCode },
      messageKey: 'thresholds.rejectMessage',
      reasonLabelKey: 'thresholds.comment',
      required: false,
      confirmKey: 'thresholds.reject',
      submit: (comment) => this.client.reject(s.id, comment ? { comment } : {}),
    };
    this.dialog
      .open<ReasonDialog<ThresholdSuggestion>, ReasonDialogData<ThresholdSuggestion>, ThresholdSuggestion>(ReasonDialog, { width: '520px', data })
      .afterClosed()
      .subscribe((done) => {
        if (!done) return;
        this.notifier.success('thresholds.rejectedDone', { location: done.locationCode, item: done.itemCode });
        this.page.reload();
      });
  }

  private settle(id: string): void {
    this.busy.update((set) => {
      const next = new Set(set);
      next.delete(id);
      return next;
    });
    this.page.reload();
  }
}
