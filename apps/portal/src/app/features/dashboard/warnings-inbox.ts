import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  SEVERITIES,
  WARNING_KINDS,
  WARNING_STATUSES,
  WarningView,
} from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { TranslationKey } from '../../core/i18n/en';
import { I18nService } from '../../core/i18n/i18n.service';
import { toProblem } from '../../core/http/problem';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { LocationDirectory } from '../../shared/directory/location-directory';
import { Icon } from '../../shared/ui/icon';
import { SearchField } from '../../shared/ui/search-field';
import { DashboardClient, WarningFilters } from './data/dashboard-client';
import {
  SeverityChip,
  WarningStatusChip,
  severityKey,
  warningKindKey,
  warningStatusKey,
} from './severity';

/** A warning row, with the ranking the forecasting context adds to GET /warnings. */
type InboxRow = WarningView & {
  priority?: string | number | null;
  priorityReason?: string | null;
};

const PRIORITY_KEYS: Record<string, TranslationKey> = {
  NORMAL: 'dashboard.inbox.priorityNormal',
  LOW: 'dashboard.inbox.priorityLow',
};

const BASE_COLUMNS = [
  'severity',
  'kind',
  'locationCode',
  'itemCode',
  'available',
  'threshold',
  'deviationPct',
  'suggestedQty',
  'raisedAt',
  'status',
] as const;

/**
 * The warnings inbox: newest first, filtered on the server (status, kind, severity, site,
 * item); acknowledging marks the row in place (it stays listed, as the warning stays open).
 */
@Component({
  selector: 'sb-warnings-inbox',
  imports: [
    MatTableModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    CursorTable,
    SearchField,
    Icon,
    SeverityChip,
    WarningStatusChip,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './warnings-inbox.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WarningsInbox {
  private readonly client = inject(DashboardClient);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18nService);
  protected readonly locations = inject(LocationDirectory);

  protected readonly canAcknowledge = inject(AuthStore).can(
    'warnings:acknowledge',
  );
  protected readonly statuses = WARNING_STATUSES;
  protected readonly kinds = WARNING_KINDS;
  protected readonly severities = SEVERITIES;
  protected readonly severityKey = severityKey;
  protected readonly kindKey = warningKindKey;
  protected readonly statusKey = warningStatusKey;
  /** Ids being acknowledged (button disabled meanwhile). */
  protected readonly busy = signal<ReadonlySet<string>>(new Set());

  readonly page = new CursorPage<InboxRow, WarningFilters>({
    load: (request, filters) => this.client.warnings(request, filters),
    filters: {
      status: '',
      kind: '',
      severity: '',
      locationCode: '',
      itemCode: '',
    },
  });

  /** `priority` is shown as soon as the API sends it. */
  protected readonly hasPriority = computed(() =>
    this.page.items().some((w) => w.priority !== undefined),
  );

  protected readonly columns = computed(() => [
    ...(this.hasPriority() ? ['priority'] : []),
    ...BASE_COLUMNS,
    ...(this.canAcknowledge ? ['actions'] : []),
  ]);

  /** NORMAL / LOW in the reader's language; anything else as sent. */
  protected priorityLabel(priority: InboxRow['priority']): string {
    if (priority === null || priority === undefined) return '';
    const key = PRIORITY_KEYS[String(priority)];
    return key ? this.i18n.t(key) : String(priority);
  }

  protected acknowledge(row: InboxRow): void {
    this.busy.update((s) => new Set([...s, row.id]));
    this.client.acknowledge(row.id).subscribe({
      next: (updated) => {
        this.page.items.update((rows) =>
          rows.map((r) => (r.id === row.id ? { ...r, ...updated } : r)),
        );
        this.done(row.id);
        this.notifier.success('dashboard.inbox.acknowledged', {
          item: row.itemCode,
        });
      },
      error: (err: unknown) => {
        this.done(row.id);
        this.notifier.problem(toProblem(err));
        this.page.reload();
      },
    });
  }

  private done(id: string): void {
    this.busy.update((s) => new Set([...s].filter((x) => x !== id)));
  }
}
