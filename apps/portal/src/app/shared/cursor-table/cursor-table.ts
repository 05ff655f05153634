import { NgTemplateOutlet } from '@angular/common';
import {
  AfterContentInit,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Directive,
  OnInit,
  TemplateRef,
  ViewChild,
  computed,
  contentChild,
  contentChildren,
  inject,
  input,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSort, SortDirection } from '@angular/material/sort';
import {
  MatColumnDef,
  MatTable,
  MatTableModule,
} from '@angular/material/table';
import { ProblemMessages } from '../../core/http/problem-messages';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../ui/icon';
import { CursorPage, PAGE_SIZES, PageFilters } from './cursor-page';

/**
 * An optional detail row under every row, shown while `expanded(row)` is true (postings of a
 * journal, layers of a stock row...):
 * ```html
 * <sb-cursor-table [source]="page" [columns]="cols" [expanded]="isOpen">
 *   …column defs…
 *   <ng-template sbCursorTableDetail let-row>…</ng-template>
 * </sb-cursor-table>
 * ```
 */
@Directive({ selector: 'ng-template[sbCursorTableDetail]' })
export class CursorTableDetail {
  readonly template = inject<TemplateRef<{ $implicit: unknown }>>(TemplateRef);
}

/**
 * A Material table over a `CursorPage`: the page declares its `matColumnDef`s as content (with
 * `mat-sort-header` on sortable columns) and lists the shown ones in `columns`; the wrapper
 * adds loading, empty and error states, server-side sorting and the cursor paginator.
 *
 * ```html
 * <sb-cursor-table [source]="locations" [columns]="['code', 'name']">
 *   <ng-container matColumnDef="code">
 *     <th mat-header-cell *matHeaderCellDef mat-sort-header>{{ 'locations.code' | t }}</th>
 *     <td mat-cell *matCellDef="let row">{{ row.code }}</td>
 *   </ng-container>
 *   …
 * </sb-cursor-table>
 * ```
 * Declare every column def unconditionally and choose the visible ones with `columns`.
 */
@Component({
  selector: 'sb-cursor-table',
  imports: [
    MatTableModule,
    MatProgressBarModule,
    MatSelectModule,
    MatButtonModule,
    NgTemplateOutlet,
    TranslatePipe,
    Icon,
  ],
  // Sort headers projected from the page look MatSort up through this host element.
  hostDirectives: [MatSort],
  templateUrl: './cursor-table.html',
  styleUrl: './cursor-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CursorTable<T> implements OnInit, AfterContentInit {
  readonly source = input.required<CursorPage<T, PageFilters>>();
  readonly columns = input.required<readonly string[]>();
  /** `data-testid` of the `<table>`. */
  readonly testId = input('data-table');
  /** Which rows show their detail row (only with a `sbCursorTableDetail` template). */
  readonly expanded = input<(row: T) => boolean>(() => false);

  protected readonly detail = contentChild(CursorTableDetail);
  protected readonly hasDetail = computed(() => !!this.detail());
  protected readonly detailColumns = ['sbDetail'];
  /** Row-def predicate: the detail row exists only when the page declared a template. */
  protected readonly detailWhen = () => this.hasDetail();

  protected readonly pageSizes = PAGE_SIZES;
  protected readonly problems = inject(ProblemMessages);
  private readonly sort = inject(MatSort);
  private readonly destroyRef = inject(DestroyRef);
  private readonly columnDefs = contentChildren(MatColumnDef);

  // A static query: column defs must be registered before the table's first render, which
  // happens before signal view queries resolve.
  @ViewChild(MatTable, { static: true }) private table!: MatTable<T>;

  ngOnInit(): void {
    const initial = this.source().sort();
    this.sort.active = initial?.field ?? '';
    this.sort.direction = (initial?.order ?? '') as SortDirection;
    this.sort.sortChange
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ active, direction }) => {
        this.source().setSort(
          direction ? { field: active, order: direction } : null,
        );
      });
  }

  protected isExpanded(row: T): boolean {
    return this.hasDetail() && this.expanded()(row);
  }

  ngAfterContentInit(): void {
    for (const def of this.columnDefs()) this.table.addColumnDef(def);
  }
}
