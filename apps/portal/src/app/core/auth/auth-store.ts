import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { LoginRequest, Permission, permissionsOf } from '@stockbridge/shared';
import { Observable, firstValueFrom, map, tap } from 'rxjs';
import { AuthClient } from './auth-client';
import { SessionUser } from './session-user';
import { TokenStorage } from './token-storage';

/**
 * Who is signed in and what they may do. Permissions come from the shared permission map, the
 * same one the API's guard checks, so the portal hides exactly what the API would refuse.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly client = inject(AuthClient);
  private readonly storage = inject(TokenStorage);
  private readonly token = signal<string | null>(this.storage.read());
  private readonly currentUser = signal<SessionUser | null>(null);

  readonly user = this.currentUser.asReadonly();
  readonly isAuthenticated = computed(
    () => this.currentUser() !== null && this.token() !== null,
  );
  readonly permissions = computed<ReadonlySet<Permission>>(
    () => new Set(permissionsOf(this.currentUser()?.roles ?? [])),
  );

  accessToken(): string | null {
    return this.token();
  }

  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  login(request: LoginRequest): Observable<SessionUser> {
    return this.client.login(request).pipe(
      tap((res) => {
        this.storage.write(res.accessToken, res.expiresIn);
        this.token.set(res.accessToken);
        this.currentUser.set(res.user);
      }),
      map((res) => res.user),
    );
  }

  /**
   * At start-up: a stored token is turned back into a user. A token the API refuses is
   * dropped; if the API cannot be reached the token is kept for the next attempt, and the
   * guards send the visitor to the login page meanwhile.
   */
  async restore(): Promise<void> {
    if (!this.token()) return;
    try {
      this.currentUser.set(await firstValueFrom(this.client.me()));
    } catch (err: unknown) {
      if (
        err instanceof HttpErrorResponse &&
        (err.status === 401 || err.status === 403)
      ) {
        this.clear();
      }
    }
  }

  /** Forget the session locally (logout, or the API said 401). */
  clear(): void {
    this.storage.clear();
    this.token.set(null);
    this.currentUser.set(null);
  }
}
