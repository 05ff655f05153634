import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { isPositiveQty } from '../../shared/decimal';
import { OrgNamePipe } from '../../shared/directory/org-directory';
import { StockClient } from './data/stock-client';

/** What the ledger holds of one item at one site, per owner: a hint beside posting forms. */
@Component({
  selector: 'sb-stock-hint',
  imports: [TranslatePipe, OrgNamePipe],
  template: `
    @if (rows.value(); as page) {
      <div class="hint" data-testid="stock-hint">
        <span class="label">{{ 'postings.onHandHere' | t }}</span>
        @for (row of page.items; track row.ownerOrgId) {
          <span class="owner" [attr.data-owner]="row.ownerOrgId">
            {{ row.ownerOrgId | orgName }}:
            <strong>{{ row.onHand }}</strong>
            @if (positive(row.inTransit)) {
              <span class="muted">({{ 'postings.plusInTransit' | t: { qty: row.inTransit } }})</span>
            }
          </span>
        } @empty {
          <span class="muted">{{ 'postings.noStockHere' | t }}</span>
        }
      </div>
    }
  `,
  styles: `
    .hint {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      align-items: baseline;
      padding: 8px 12px;
      margin: 0 0 16px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      font: var(--mat-sys-body-medium);
    }
    .label {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    strong {
      font-variant-numeric: tabular-nums;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StockHint {
  readonly locationCode = input('');
  readonly itemCode = input('');
  /** Bump after a posting to read the balance again. */
  readonly refresh = input(0);

  private readonly client = inject(StockClient);
  protected readonly positive = isPositiveQty;

  protected readonly rows = rxResource({
    params: () =>
      this.locationCode() && this.itemCode()
        ? {
            locationCode: this.locationCode(),
            itemCode: this.itemCode(),
            refresh: this.refresh(),
          }
        : undefined,
    stream: ({ params }) =>
      this.client.list(
        { limit: 50, cursor: null, sort: null, order: null },
        { locationCode: params.locationCode, itemCode: params.itemCode },
      ),
  });
}
