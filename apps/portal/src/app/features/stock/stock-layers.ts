import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { StockLayer, StockRow } from '@stockbridge/shared';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { ChipTone, StatusChip } from '../../shared/ui/status-chip';
import { StockClient, StockFilters } from './data/stock-client';

/** Age buckets of the analytics (0–30, 31–60, 61–90, > 90 days), coloured. */
export function ageTone(ageDays: number): ChipTone {
  if (ageDays > 90) return 'danger';
  if (ageDays > 60) return 'warning';
  if (ageDays > 30) return 'progress';
  return 'neutral';
}

/** The receipt layers behind one stock row, oldest (next consumed) first. */
@Component({
  selector: 'sb-stock-layers',
  imports: [MatTableModule, CursorTable, StatusChip, TranslatePipe, LocalDatePipe],
  template: `
    <h3>
      {{ 'stock.layersTitle' | t: { item: row().itemCode, location: row().locationCode } }}
    </h3>
    <sb-cursor-table [source]="page" [columns]="columns" testId="layers-table">
      <ng-container matColumnDef="lotNo">
        <th mat-header-cell *matHeaderCellDef>{{ 'asn.lotNo' | t }}</th>
        <td mat-cell *matCellDef="let l" class="mono">{{ l.lotNo ?? '—' }}</td>
      </ng-container>
      <ng-container matColumnDef="receivedAt">
        <th mat-header-cell *matHeaderCellDef>{{ 'stock.receivedAt' | t }}</th>
        <td mat-cell *matCellDef="let l">{{ l.receivedAt | localDate: 'dateTime' }}</td>
      </ng-container>
      <ng-container matColumnDef="expiryDate">
        <th mat-header-cell *matHeaderCellDef>{{ 'asn.expiryDate' | t }}</th>
        <td mat-cell *matCellDef="let l">{{ l.expiryDate ?? '—' }}</td>
      </ng-container>
      <ng-container matColumnDef="remainingQty">
        <th mat-header-cell *matHeaderCellDef class="num">{{ 'stock.remaining' | t }}</th>
        <td mat-cell *matCellDef="let l" class="num" data-testid="layer-remaining">
          {{ l.remainingQty }}
          @if (l.originalQty) {
            <span class="muted">/ {{ l.originalQty }}</span>
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="ageDays">
        <th mat-header-cell *matHeaderCellDef class="num">{{ 'stock.age' | t }}</th>
        <td mat-cell *matCellDef="let l" class="num">
          <sb-status-chip
            [label]="'common.days' | t: { n: l.ageDays }"
            [tone]="tone(l.ageDays)"
            [status]="tone(l.ageDays)"
          />
        </td>
      </ng-container>
    </sb-cursor-table>
  `,
  styles: `
    :host {
      display: block;
      padding: 0 8px 0 24px;
    }
    h3 {
      margin: 4px 0 8px;
      font: var(--mat-sys-title-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StockLayers {
  readonly row = input.required<StockRow>();
  private readonly client = inject(StockClient);

  protected readonly columns = [
    'lotNo',
    'receivedAt',
    'expiryDate',
    'remainingQty',
    'ageDays',
  ] as const;
  protected readonly tone = ageTone;

  protected readonly page = new CursorPage<StockLayer, Partial<StockFilters>>({
    load: (request) => {
      const row = this.row();
      return this.client.layers(request, {
        locationCode: row.locationCode,
        itemCode: row.itemCode,
        ownerOrgId: row.ownerOrgId,
        buyerOrgId: row.buyerOrgId,
      });
    },
    filters: {},
    limit: 50,
  });
}
