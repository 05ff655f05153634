import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { isApiUrl } from '../http/api';
import { SKIP_SESSION_REDIRECT } from './auth-client';
import { AuthStore } from './auth-store';

/** Sends the bearer token to the API; a 401 ends the session and goes to the login page. */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiUrl(req.url)) return next(req);
  const store = inject(AuthStore);
  const router = inject(Router);
  const token = store.accessToken();
  const request = token
    ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
    : req;

  return next(request).pipe(
    catchError((err: unknown) => {
      if (
        err instanceof HttpErrorResponse &&
        err.status === 401 &&
        !req.context.get(SKIP_SESSION_REDIRECT)
      ) {
        const wasSignedIn = store.isAuthenticated();
        store.clear();
        if (!router.url.startsWith('/login')) {
          void router.navigate(['/login'], {
            queryParams: {
              returnUrl: router.url,
              reason: wasSignedIn ? 'expired' : null,
            },
          });
        }
      }
      return throwError(() => err);
    }),
  );
};
