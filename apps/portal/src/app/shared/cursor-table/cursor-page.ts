import {
  DestroyRef,
  Signal,
  WritableSignal,
  assertInInjectionContext,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Page } from '@stockbridge/shared';
import { Observable, catchError, map, of, switchMap, tap } from 'rxjs';
import { ClientProblem, toProblem } from '../../core/http/problem';
import { QueryValue } from '../../core/http/query-params';

export type SortOrder = 'asc' | 'desc';
export interface SortState {
  field: string;
  order: SortOrder;
}

/** What one page request sends: `?limit=&cursor=&sort=&order=` plus the feature's filters. */
export interface PageRequest {
  limit: number;
  cursor: string | null;
  sort: string | null;
  order: SortOrder | null;
}

export type PageFilters = Record<string, QueryValue>;

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface CursorPageOptions<T, F extends PageFilters> {
  load: (request: PageRequest, filters: F) => Observable<Page<T>>;
  filters: F;
  sort?: SortState | null;
  limit?: PageSize;
}

/**
 * The state of one server-paged list: page size, sort, filters and a stack of cursors (the
 * API's cursors only go forward, so "previous" pops back to the cursor of the page before).
 * Only the current page is held; every change asks the server again, and a newer request
 * cancels an older one still in flight.
 */
export class CursorPage<T, F extends PageFilters = PageFilters> {
  readonly limit = signal<number>(25);
  readonly sort = signal<SortState | null>(null);
  readonly filters: Signal<F>;
  readonly items = signal<readonly T[]>([]);
  readonly loading = signal(false);
  readonly problem = signal<ClientProblem | null>(null);

  private readonly filterState: WritableSignal<F>;
  private readonly cursors = signal<readonly (string | null)[]>([null]);
  private readonly nextCursor = signal<string | null>(null);
  private readonly reloads = signal(0);

  readonly pageIndex = computed(() => this.cursors().length - 1);
  readonly hasPrevious = computed(() => this.pageIndex() > 0);
  readonly hasNext = computed(() => this.nextCursor() !== null);
  readonly filtered = computed(() =>
    Object.values(this.filters()).some(
      (v) => v !== null && v !== undefined && v !== '' && v !== false,
    ),
  );

  constructor(options: CursorPageOptions<T, F>) {
    assertInInjectionContext(CursorPage);
    this.filterState = signal(options.filters);
    this.filters = this.filterState.asReadonly();
    this.sort.set(options.sort ?? null);
    this.limit.set(options.limit ?? 25);

    const request = computed(() => {
      const cursors = this.cursors();
      const sort = this.sort();
      return {
        page: {
          limit: this.limit(),
          cursor: cursors[cursors.length - 1],
          sort: sort?.field ?? null,
          order: sort?.order ?? null,
        } satisfies PageRequest,
        filters: this.filterState(),
        reload: this.reloads(),
      };
    });

    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.problem.set(null);
        }),
        switchMap(({ page, filters }) =>
          options.load(page, filters).pipe(
            map((result) => ({ result, problem: null })),
            catchError((err: unknown) =>
              of({ result: null, problem: toProblem(err) }),
            ),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ result, problem }) => {
        this.loading.set(false);
        this.problem.set(problem);
        // On failure the old rows would sit under the wrong page number: show none.
        this.items.set(result?.items ?? []);
        this.nextCursor.set(result?.nextCursor ?? null);
      });
  }

  next(): void {
    const cursor = this.nextCursor();
    if (cursor === null || this.loading()) return;
    this.cursors.update((stack) => [...stack, cursor]);
  }

  previous(): void {
    if (!this.hasPrevious() || this.loading()) return;
    this.cursors.update((stack) => stack.slice(0, -1));
  }

  setLimit(limit: number): void {
    this.limit.set(limit);
    this.firstPage();
  }

  setSort(sort: SortState | null): void {
    this.sort.set(sort);
    this.firstPage();
  }

  /** Merges filter values; a changed filter starts again at the first page. */
  patchFilters(patch: Partial<F>): void {
    const current = this.filterState();
    const changed = Object.entries(patch).some(([k, v]) => current[k] !== v);
    if (!changed) return;
    this.filterState.set({ ...current, ...patch });
    this.firstPage();
  }

  /** Asks for the current page again (after a create or edit). */
  reload(): void {
    this.reloads.update((n) => n + 1);
  }

  private firstPage(): void {
    this.cursors.set([null]);
    this.nextCursor.set(null);
  }
}

/** Builds the query of a list endpoint from a page request and the feature's filters. */
export function pageQuery(
  request: PageRequest,
  filters: PageFilters = {},
): Record<string, QueryValue> {
  return {
    limit: request.limit,
    cursor: request.cursor,
    sort: request.sort,
    order: request.order,
    ...filters,
  };
}
