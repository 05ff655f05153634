import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { CallOff, ReplenishmentProposal } from '@stockbridge/shared';
import { catchError, of, switchMap } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { OrgNamePipe } from '../../shared/directory/org-directory';
import {
  daysFromToday,
  toBusinessDate,
} from '../../shared/forms/business-date';
import { Icon } from '../../shared/ui/icon';
import { CallOffsClient } from '../call-offs/data/call-offs-client';
import { DashboardClient } from './data/dashboard-client';

const keyOf = (p: Pick<ReplenishmentProposal, 'locationCode' | 'itemCode'>) =>
  `${p.locationCode}|${p.itemCode}`;

/** "135.000000" → "135": the API's fixed 6 decimals, without the zeros an item may not allow. */
const trimQty = (qty: string) =>
  qty.includes('.') ? qty.replace(/\.?0+$/, '') : qty;

/**
 * Replenishment proposals (policies at or below min) and "create call-off" in one click: an
 * OPEN call-off for the proposed supplier, the suggested quantity, needed by today + that
 * supplier's lead time. The proposal then nets the new call-off and drops out (or shrinks).
 */
@Component({
  selector: 'sb-proposals-panel',
  imports: [
    MatTableModule,
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
    OrgNamePipe,
    Icon,
  ],
  templateUrl: './proposals-panel.html',
  styles: `
    .scroll {
      max-height: 480px;
      overflow: auto;
    }
    .reason {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .created {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 8px 0;
      padding: 8px 12px;
      border-radius: 8px;
      background: #cdeed5;
      color: #0d5223;
    }
    .empty,
    .error {
      padding: 16px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProposalsPanel {
  private readonly client = inject(DashboardClient);
  private readonly callOffs = inject(CallOffsClient);
  private readonly notifier = inject(Notifier);
  protected readonly problems = inject(ProblemMessages);

  protected readonly canCreate = inject(AuthStore).can('calloffs:create');
  protected readonly proposals = rxResource({
    stream: () => this.client.proposals(),
  });
  protected readonly rows = computed(() => this.proposals.value() ?? []);
  protected readonly problem = computed(() => {
    const err = this.proposals.error();
    return err ? toProblem(err) : null;
  });
  protected readonly columns = computed(() => [
    'locationCode',
    'itemCode',
    'supplier',
    'suggestedQty',
    'reason',
    ...(this.canCreate ? ['actions'] : []),
  ]);
  /** Proposals whose call-off is being created. */
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly created = signal<CallOff | null>(null);
  protected readonly keyOf = keyOf;
  protected readonly trimQty = trimQty;

  reload(): void {
    this.proposals.reload();
  }

  protected createCallOff(p: ReplenishmentProposal): void {
    const supplierOrgId = p.supplierOrgId;
    if (!supplierOrgId) return;
    const key = keyOf(p);
    this.busy.update((s) => new Set([...s, key]));
    this.client
      .currentPrice(supplierOrgId, p.itemCode)
      .pipe(
        // Without a readable price the API will say why; need-by falls back to today.
        catchError(() => of(null)),
        switchMap((price) =>
          this.callOffs.create({
            supplierOrgId,
            locationCode: p.locationCode,
            lines: [
              {
                itemCode: p.itemCode,
                qty: trimQty(p.suggestedQty),
                needBy: toBusinessDate(
                  daysFromToday(price?.leadTimeDays ?? 0),
                ) as string,
              },
            ],
          }),
        ),
      )
      .subscribe({
        next: (callOff) => {
          this.done(key);
          this.created.set(callOff);
          this.notifier.success('dashboard.proposals.created', {
            number: callOff.number,
          });
          this.proposals.reload();
        },
        error: (err: unknown) => {
          this.done(key);
          this.notifier.problem(toProblem(err));
        },
      });
  }

  private done(key: string): void {
    this.busy.update((s) => new Set([...s].filter((x) => x !== key)));
  }
}
