import {
  HttpClient,
  HttpContext,
  HttpContextToken,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { LoginRequest, LoginResponse } from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../http/api';
import { SessionUser } from './session-user';

/** Set on requests whose 401 must not trigger the "session ended" redirect. */
export const SKIP_SESSION_REDIRECT = new HttpContextToken<boolean>(() => false);

@Injectable({ providedIn: 'root' })
export class AuthClient {
  private readonly http = inject(HttpClient);

  login(request: LoginRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(`${API_BASE}/auth/login`, request, {
      context: new HttpContext().set(SKIP_SESSION_REDIRECT, true),
    });
  }

  me(): Observable<SessionUser> {
    return this.http.get<SessionUser>(`${API_BASE}/auth/me`, {
      context: new HttpContext().set(SKIP_SESSION_REDIRECT, true),
    });
  }
}
