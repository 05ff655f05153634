import { Routes } from '@angular/router';

/** Reconciliation statements; the parent route checks `statements:read`. */
export const STATEMENT_ROUTES: Routes = [
  {
    path: '',
    title: 'nav.statements',
    loadComponent: () =>
      import('./statements-page').then((m) => m.StatementsPage),
  },
  {
    path: ':id',
    title: 'statements.title',
    loadComponent: () =>
      import('./statement-detail-page').then((m) => m.StatementDetailPage),
  },
];
