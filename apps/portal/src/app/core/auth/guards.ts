import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router } from '@angular/router';
import { Permission } from '@stockbridge/shared';
import { Notifier } from '../notify/notifier';
import { AuthStore } from './auth-store';

/** The signed-in area: without a session, go to the login page and come back afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(AuthStore).isAuthenticated()) return true;
  return inject(Router).createUrlTree(['/login'], {
    queryParams: state.url && state.url !== '/' ? { returnUrl: state.url } : {},
  });
};

/** The login page is for signed-out visitors only. */
export const guestGuard: CanActivateFn = () =>
  inject(AuthStore).isAuthenticated()
    ? inject(Router).createUrlTree(['/'])
    : true;

/**
 * A lazy feature route for one permission. `canMatch` keeps the feature's code from even
 * loading for a role that may not use it. Signed out, the shell's `authGuard` takes over (so
 * the return URL survives); signed in without the permission, the home page explains why.
 */
export function requirePermission(permission: Permission): CanMatchFn {
  return () => {
    const store = inject(AuthStore);
    if (!store.isAuthenticated()) return true;
    if (store.can(permission)) return true;
    inject(Notifier).info('guard.noAccess');
    return inject(Router).createUrlTree(['/']);
  };
}
