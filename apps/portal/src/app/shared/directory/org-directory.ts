import { HttpClient } from '@angular/common/http';
import { Injectable, Pipe, PipeTransform, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import {
  BuyerLink,
  PAGE_MAX_LIMIT,
  Page,
  SupplierAgreement,
} from '@stockbridge/shared';
import { EMPTY, Observable, catchError, expand, map, of, reduce } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { API_BASE } from '../../core/http/api';
import { toHttpParams } from '../../core/http/query-params';

/** An organisation the signed-in person deals with, as lists and selects name it. */
export interface OrgRef {
  id: string;
  code: string;
  name: string;
}

/** Fetches every page of a (short) list, one after the other. */
export function allPages<T>(
  fetch: (cursor: string | null) => Observable<Page<T>>,
  maxPages = 20,
): Observable<T[]> {
  let pages = 0;
  return fetch(null).pipe(
    expand((page) =>
      page.nextCursor && ++pages < maxPages ? fetch(page.nextCursor) : EMPTY,
    ),
    reduce((all, page) => all.concat(page.items), [] as T[]),
  );
}

/**
 * Names for organisation ids. Stock rows, postings and transfers carry only ids; a buyer's
 * partners are its linked suppliers (GET /suppliers), a supplier's are its buyers
 * (GET /buyers). Loaded once per signed-in person.
 */
@Injectable({ providedIn: 'root' })
export class OrgDirectory {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);

  private readonly partnerList = rxResource({
    params: () => {
      const user = this.auth.user();
      return user?.orgType ? { userId: user.id, orgType: user.orgType } : undefined;
    },
    stream: ({ params }) =>
      (params.orgType === 'BUYER' ? this.suppliers() : this.buyers()).pipe(
        // Names are a convenience: without them the ids still show.
        catchError(() => of([] as OrgRef[])),
      ),
  });

  /** Linked suppliers (for a buyer) or buyers (for a supplier), by code. */
  readonly partners = computed(() =>
    [...(this.partnerList.value() ?? [])].sort((a, b) =>
      a.code.localeCompare(b.code),
    ),
  );

  private readonly byId = computed(() => {
    const map = new Map<string, OrgRef>();
    for (const org of this.partners()) map.set(org.id, org);
    const user = this.auth.user();
    if (user?.orgId) {
      map.set(user.orgId, {
        id: user.orgId,
        code: user.orgCode ?? '',
        name: user.orgName ?? user.orgCode ?? '',
      });
    }
    return map;
  });

  get(orgId: string | null | undefined): OrgRef | null {
    return orgId ? (this.byId().get(orgId) ?? null) : null;
  }

  /** The organisation's name, or a shortened id when it is not one of the partners. */
  label(orgId: string | null | undefined): string {
    if (!orgId) return '';
    const org = this.get(orgId);
    return org?.name || org?.code || `${orgId.slice(0, 8)}…`;
  }

  private suppliers(): Observable<OrgRef[]> {
    return allPages((cursor) =>
      this.http.get<Page<SupplierAgreement>>(`${API_BASE}/suppliers`, {
        params: toHttpParams({ limit: PAGE_MAX_LIMIT, cursor }),
      }),
    ).pipe(
      map((rows) =>
        rows.map((a) => ({
          id: a.supplierOrgId,
          code: a.supplierCode,
          name: a.supplierName,
        })),
      ),
    );
  }

  private buyers(): Observable<OrgRef[]> {
    return allPages((cursor) =>
      this.http.get<Page<BuyerLink>>(`${API_BASE}/buyers`, {
        params: toHttpParams({ limit: PAGE_MAX_LIMIT, cursor }),
      }),
    ).pipe(
      map((rows) =>
        rows.map((b) => ({ id: b.buyerOrgId, code: b.buyerCode, name: b.buyerName })),
      ),
    );
  }
}

/**
 * `{{ row.ownerOrgId | orgName }}`: the organisation's name. Not pure: the directory loads
 * after the first render, and the look-up is a map read.
 */
@Pipe({ name: 'orgName', pure: false })
export class OrgNamePipe implements PipeTransform {
  private readonly directory = inject(OrgDirectory);

  transform(orgId: string | null | undefined): string {
    return this.directory.label(orgId);
  }
}
