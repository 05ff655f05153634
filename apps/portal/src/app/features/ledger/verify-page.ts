import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { LedgerMismatchKind, VerifyResult } from '@stockbridge/shared';
import { ClientProblem, toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { OrgNamePipe } from '../../shared/directory/org-directory';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { StatusChip } from '../../shared/ui/status-chip';
import { LedgerClient } from './data/ledger-client';

/**
 * Ledger verification: the API recomputes every balance from the postings and checks each
 * journal sums to zero. Run on demand (it reads the whole ledger of the tenant).
 */
@Component({
  selector: 'sb-verify-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    MatTableModule,
    PageHeader,
    StatusChip,
    Icon,
    TranslatePipe,
    LocalDatePipe,
    OrgNamePipe,
  ],
  template: `
    <sb-page-header
      [heading]="'verify.title' | t"
      [subtitle]="'verify.subtitle' | t"
    >
      <button
        mat-flat-button
        type="button"
        (click)="run()"
        [disabled]="running()"
        data-testid="verify-run"
      >
        <sb-icon name="verified" />{{
          (running() ? 'verify.running' : result() ? 'verify.again' : 'verify.run')
            | t
        }}
      </button>
    </sb-page-header>

    @if (running()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (problem(); as p) {
      <div class="problem" role="alert" data-testid="verify-error">
        {{ problems.message(p) }}
      </div>
    }
    @if (result(); as r) {
      <mat-card appearance="outlined" data-testid="verify-result">
        <mat-card-content>
          <div class="headline">
            <sb-status-chip
              [label]="(r.balanced ? 'verify.balanced' : 'verify.unbalanced') | t"
              [tone]="r.balanced ? 'success' : 'danger'"
              [status]="r.balanced ? 'BALANCED' : 'UNBALANCED'"
            />
            @if (r.verifiedAt) {
              <span class="muted">{{ r.verifiedAt | localDate: 'dateTime' }}</span>
            }
          </div>
          <dl>
            <div>
              <dt>{{ 'verify.journals' | t }}</dt>
              <dd data-testid="verify-journals">{{ r.journalsChecked }}</dd>
            </div>
            <div>
              <dt>{{ 'verify.accounts' | t }}</dt>
              <dd data-testid="verify-accounts">{{ r.accountsChecked }}</dd>
            </div>
            @if (r.postingsChecked !== undefined) {
              <div>
                <dt>{{ 'verify.postings' | t }}</dt>
                <dd>{{ r.postingsChecked }}</dd>
              </div>
            }
            <div>
              <dt>{{ 'verify.mismatches' | t }}</dt>
              <dd data-testid="verify-mismatch-count">{{ r.mismatches.length }}</dd>
            </div>
          </dl>
          @if (r.mismatches.length) {
            <table mat-table [dataSource]="r.mismatches" data-testid="verify-mismatches">
              <ng-container matColumnDef="kind">
                <th mat-header-cell *matHeaderCellDef>{{ 'verify.kind' | t }}</th>
                <td mat-cell *matCellDef="let m" [attr.data-kind]="m.kind" data-testid="mismatch-kind">
                  {{ kindKey(m.kind) | t }}
                  <span class="mono muted small">{{ m.kind }}</span>
                </td>
              </ng-container>
              <ng-container matColumnDef="where">
                <th mat-header-cell *matHeaderCellDef>{{ 'verify.where' | t }}</th>
                <td mat-cell *matCellDef="let m">
                  <span class="mono">{{ m.locationCode ?? '' }} {{ m.itemCode ?? '' }}</span>
                  @if (m.ownerOrgId) {
                    <span class="muted"> · {{ m.ownerOrgId | orgName }}</span>
                  }
                  @if (m.journalId) {
                    <span class="mono muted small">{{ m.journalId }}</span>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="stored">
                <th mat-header-cell *matHeaderCellDef class="num">{{ 'verify.stored' | t }}</th>
                <td mat-cell *matCellDef="let m" class="num">{{ m.stored ?? '' }}</td>
              </ng-container>
              <ng-container matColumnDef="computed">
                <th mat-header-cell *matHeaderCellDef class="num">{{ 'verify.computed' | t }}</th>
                <td mat-cell *matCellDef="let m" class="num">{{ m.computed ?? '' }}</td>
              </ng-container>
              <ng-container matColumnDef="detail">
                <th mat-header-cell *matHeaderCellDef>{{ 'verify.detail' | t }}</th>
                <td mat-cell *matCellDef="let m">{{ m.detail }}</td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let row; columns: columns" data-testid="mismatch-row"></tr>
            </table>
            <p class="muted small">{{ 'verify.limited' | t }}</p>
          } @else {
            <p class="ok" data-testid="verify-ok">{{ 'verify.allGood' | t }}</p>
          }
        </mat-card-content>
      </mat-card>
    } @else if (!running() && !problem()) {
      <p class="muted">{{ 'verify.intro' | t }}</p>
    }
  `,
  styles: `
    .headline {
      display: flex;
      align-items: center;
      gap: 12px;
      margin-bottom: 16px;
    }
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
      gap: 12px 24px;
      margin: 0 0 16px;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
      font: var(--mat-sys-headline-small);
      font-variant-numeric: tabular-nums;
    }
    table {
      width: 100%;
    }
    .small {
      display: block;
      font-size: 0.8em;
    }
    .problem {
      padding: 12px 16px;
      border-radius: 8px;
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
    }
    .ok {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyPage {
  private readonly client = inject(LedgerClient);
  protected readonly problems = inject(ProblemMessages);

  protected readonly running = signal(false);
  protected readonly result = signal<VerifyResult | null>(null);
  protected readonly problem = signal<ClientProblem | null>(null);
  protected readonly columns = ['kind', 'where', 'stored', 'computed', 'detail'] as const;

  protected kindKey(kind: LedgerMismatchKind) {
    return `verifyKind.${kind}` as const;
  }

  protected run(): void {
    if (this.running()) return;
    this.running.set(true);
    this.problem.set(null);
    this.client.verify().subscribe({
      next: (result) => {
        this.result.set(result);
        this.running.set(false);
      },
      error: (err: unknown) => {
        this.problem.set(toProblem(err));
        this.running.set(false);
      },
    });
  }
}
