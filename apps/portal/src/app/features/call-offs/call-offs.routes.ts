import { Routes } from '@angular/router';
import { requirePermission } from '../../core/auth/guards';

/** Call-offs; the parent route checks `calloffs:read`. */
export const CALL_OFF_ROUTES: Routes = [
  {
    path: '',
    title: 'nav.callOffs',
    loadComponent: () =>
      import('./call-offs-page').then((m) => m.CallOffsPage),
  },
  {
    path: 'new',
    title: 'callOffs.newTitle',
    canMatch: [requirePermission('calloffs:create')],
    loadComponent: () =>
      import('./call-off-form-page').then((m) => m.CallOffFormPage),
  },
  {
    path: ':id',
    title: 'callOffs.title',
    loadComponent: () =>
      import('./call-off-detail-page').then((m) => m.CallOffDetailPage),
  },
];
