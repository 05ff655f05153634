import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CreateUserRequest, Page, User } from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type UserFilters = {
  orgId: string;
};

/** A user row; `orgCode`/`orgName` are shown when the list endpoint includes them. */
export interface UserRow extends User {
  orgCode?: string;
  orgName?: string;
}

/** Platform admin: users. */
@Injectable({ providedIn: 'root' })
export class UsersClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/admin/users`;

  list(
    request: PageRequest,
    filters: Partial<UserFilters> = {},
  ): Observable<Page<UserRow>> {
    return this.http.get<Page<UserRow>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  create(body: CreateUserRequest): Observable<User> {
    return this.http.post<User>(this.url, body);
  }
}
