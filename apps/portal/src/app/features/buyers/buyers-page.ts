import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { BuyerLink } from '@stockbridge/shared';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { PageHeader } from '../../shared/ui/page-header';
import { BuyersClient } from './data/buyers-client';

/** Supplier users: the buyers they supply and the terms agreed with each. */
@Component({
  selector: 'sb-buyers-page',
  imports: [
    MatTableModule,
    MatSortModule,
    CursorTable,
    PageHeader,
    TranslatePipe,
  ],
  template: `
    <sb-page-header [heading]="'buyers.title' | t" />
    <sb-cursor-table [source]="page" [columns]="columns" testId="buyers-table">
      <ng-container matColumnDef="buyerCode">
        <th mat-header-cell *matHeaderCellDef mat-sort-header="code">
          {{ 'buyers.buyerCode' | t }}
        </th>
        <td mat-cell *matCellDef="let b" class="mono">{{ b.buyerCode }}</td>
      </ng-container>
      <ng-container matColumnDef="buyerName">
        <th mat-header-cell *matHeaderCellDef mat-sort-header="name">
          {{ 'buyers.buyerName' | t }}
        </th>
        <td mat-cell *matCellDef="let b">{{ b.buyerName }}</td>
      </ng-container>
      <ng-container matColumnDef="currency">
        <th mat-header-cell *matHeaderCellDef>{{ 'buyers.currency' | t }}</th>
        <td mat-cell *matCellDef="let b">{{ b.currency }}</td>
      </ng-container>
      <ng-container matColumnDef="receiptTolerancePct">
        <th mat-header-cell *matHeaderCellDef class="num">
          {{ 'buyers.tolerance' | t }}
        </th>
        <td mat-cell *matCellDef="let b" class="num">
          {{ b.receiptTolerancePct }} %
        </td>
      </ng-container>
      <ng-container matColumnDef="paymentTermsDays">
        <th mat-header-cell *matHeaderCellDef class="num">
          {{ 'buyers.paymentTerms' | t }}
        </th>
        <td mat-cell *matCellDef="let b" class="num">
          {{ 'common.days' | t: { n: b.paymentTermsDays } }}
        </td>
      </ng-container>
    </sb-cursor-table>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BuyersPage {
  private readonly client = inject(BuyersClient);
  protected readonly columns = [
    'buyerCode',
    'buyerName',
    'currency',
    'receiptTolerancePct',
    'paymentTermsDays',
  ] as const;
  protected readonly page = new CursorPage<BuyerLink, Record<string, never>>({
    load: (request) => this.client.list(request),
    filters: {},
  });
}
