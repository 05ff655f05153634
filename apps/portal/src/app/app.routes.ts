import { Route } from '@angular/router';
import { authGuard, guestGuard, requirePermission } from './core/auth/guards';
import { Shell } from './core/layout/shell';

/*
 * Route `title`s are translation keys (see I18nTitleStrategy). Feature pages load lazily and
 * are guarded by the permission their nav entry (core/nav.ts) names.
 */
export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'login.title',
    canActivate: [guestGuard],
    loadComponent: () =>
      import('./features/auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    component: Shell,
    canActivate: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'nav.home',
        loadComponent: () =>
          import('./features/home/home-page').then((m) => m.HomePage),
      },
      {
        path: 'dashboard',
        title: 'nav.dashboard',
        canMatch: [requirePermission('warnings:read')],
        loadComponent: () =>
          import('./features/dashboard/dashboard-page').then(
            (m) => m.DashboardPage,
          ),
      },
      {
        path: 'admin',
        canMatch: [requirePermission('admin:manage')],
        loadChildren: () =>
          import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: 'call-offs',
        canMatch: [requirePermission('calloffs:read')],
        loadChildren: () =>
          import('./features/call-offs/call-offs.routes').then(
            (m) => m.CALL_OFF_ROUTES,
          ),
      },
      {
        path: 'shipments',
        canMatch: [requirePermission('shipments:read')],
        loadChildren: () =>
          import('./features/shipments/shipments.routes').then(
            (m) => m.SHIPMENT_ROUTES,
          ),
      },
      {
        path: 'receiving',
        title: 'nav.receiving',
        canMatch: [requirePermission('shipments:receive')],
        data: { receiving: true },
        loadComponent: () =>
          import('./features/shipments/shipments-page').then(
            (m) => m.ShipmentsPage,
          ),
      },
      {
        path: 'stock',
        title: 'nav.stock',
        canMatch: [requirePermission('stock:read')],
        loadComponent: () =>
          import('./features/stock/stock-page').then((m) => m.StockPage),
      },
      {
        path: 'transfers',
        title: 'nav.transfers',
        canMatch: [requirePermission('stock:transfer')],
        loadComponent: () =>
          import('./features/transfers/transfers-page').then(
            (m) => m.TransfersPage,
          ),
      },
      {
        path: 'postings',
        canMatch: [requirePermission('stock:post')],
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'consumption' },
          {
            path: ':kind',
            title: 'nav.postings',
            loadComponent: () =>
              import('./features/postings/postings-page').then(
                (m) => m.PostingsPage,
              ),
          },
        ],
      },
      {
        path: 'ledger/journals',
        title: 'nav.journals',
        canMatch: [requirePermission('ledger:read')],
        loadComponent: () =>
          import('./features/ledger/journals-page').then(
            (m) => m.JournalsPage,
          ),
      },
      {
        path: 'ledger/verify',
        title: 'nav.verify',
        canMatch: [requirePermission('ledger:verify')],
        loadComponent: () =>
          import('./features/ledger/verify-page').then((m) => m.VerifyPage),
      },
      {
        path: 'supplier-inventory/upload',
        title: 'nav.upload',
        canMatch: [requirePermission('supplierInventory:write')],
        loadComponent: () =>
          import('./features/supplier-inventory/upload-page').then(
            (m) => m.UploadPage,
          ),
      },
      {
        path: 'supplier-inventory/stock',
        title: 'nav.supplierStock',
        canMatch: [requirePermission('supplierInventory:read')],
        loadComponent: () =>
          import('./features/supplier-inventory/supplier-stock-page').then(
            (m) => m.SupplierStockPage,
          ),
      },
      {
        path: 'locations',
        title: 'nav.locations',
        canMatch: [requirePermission('masterdata:read')],
        loadComponent: () =>
          import('./features/locations/locations-page').then(
            (m) => m.LocationsPage,
          ),
      },
      {
        path: 'items',
        title: 'nav.items',
        canMatch: [requirePermission('masterdata:read')],
        loadComponent: () =>
          import('./features/items/items-page').then((m) => m.ItemsPage),
      },
      {
        path: 'suppliers',
        canMatch: [requirePermission('masterdata:read')],
        loadChildren: () =>
          import('./features/suppliers/suppliers.routes').then(
            (m) => m.SUPPLIER_ROUTES,
          ),
      },
      {
        path: 'buyers',
        title: 'nav.buyers',
        canMatch: [requirePermission('buyers:read')],
        loadComponent: () =>
          import('./features/buyers/buyers-page').then((m) => m.BuyersPage),
      },
      {
        path: 'scorecards',
        title: 'nav.scorecards',
        canMatch: [requirePermission('scorecards:read')],
        loadComponent: () =>
          import('./features/scorecards/scorecards-page').then(
            (m) => m.ScorecardsPage,
          ),
      },
      {
        path: 'statements',
        canMatch: [requirePermission('statements:read')],
        loadChildren: () =>
          import('./features/statements/statements.routes').then(
            (m) => m.STATEMENT_ROUTES,
          ),
      },
      {
        path: 'reports/consumption',
        title: 'nav.consumptionReport',
        canMatch: [requirePermission('reports:read')],
        loadComponent: () =>
          import('./features/reports/consumption-report-page').then(
            (m) => m.ConsumptionReportPage,
          ),
      },
      {
        path: 'forecasts',
        canMatch: [requirePermission('analytics:read')],
        loadChildren: () =>
          import('./features/forecasting/forecasting.routes').then(
            (m) => m.FORECAST_ROUTES,
          ),
      },
      { path: 'demands', title: 'nav.demands', canMatch: [requirePermission('demands:write')], loadComponent: () => import('./features/demands/demands-page').then((m) => m.DemandsPage) },
      {
        path: 'threshold-suggestions',
        title: 'nav.thresholds',
        canMatch: [requirePermission('masterdata:read')],
        loadComponent: () =>
          import('./features/thresholds/threshold-suggestions-page').then(
            (m) => m.ThresholdSuggestionsPage,
          ),
      },
      {
        path: '**',
        title: 'notFound.title',
        loadComponent: () =>
          import('./features/not-found/not-found-page').then(
            (m) => m.NotFoundPage,
          ),
      },
    ],
  },
];
