import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Location, PAGE_MAX_LIMIT, Page } from '@stockbridge/shared';
import { catchError, of } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { API_BASE } from '../../core/http/api';
import { toHttpParams } from '../../core/http/query-params';
import { allPages } from './org-directory';

/** The buyer's sites for selects (GET /locations, buyers only), loaded once per person. */
@Injectable({ providedIn: 'root' })
export class LocationDirectory {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);

  private readonly list = rxResource({
    params: () => {
      const user = this.auth.user();
      return user && this.auth.can('masterdata:read') ? user.id : undefined;
    },
    stream: () =>
      allPages((cursor) =>
        this.http.get<Page<Location>>(`${API_BASE}/locations`, {
          params: toHttpParams({ limit: PAGE_MAX_LIMIT, cursor, sort: 'code' }),
        }),
      ).pipe(catchError(() => of([] as Location[]))),
  });

  readonly all = computed(() => this.list.value() ?? []);
  /** Consignment stock lives in VMI locations only. */
  readonly vmi = computed(() => this.all().filter((l) => l.type === 'VMI'));
}
