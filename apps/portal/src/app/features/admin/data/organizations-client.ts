import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CreateOrganizationRequest,
  OrgType,
  Organization,
  Page,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type OrganizationFilters = {
  /** Matches code or name. */
  search: string;
  type: OrgType | '';
};

/** Platform admin: organisations. */
@Injectable({ providedIn: 'root' })
export class OrganizationsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/admin/organizations`;

  list(
    request: PageRequest,
    filters: Partial<OrganizationFilters> = {},
  ): Observable<Page<Organization>> {
    return this.http.get<Page<Organization>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  create(body: CreateOrganizationRequest): Observable<Organization> {
    return this.http.post<Organization>(this.url, body);
  }
}
