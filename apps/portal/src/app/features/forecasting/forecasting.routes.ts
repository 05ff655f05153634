import { Routes } from '@angular/router';

/** Demand forecasts; the parent route checks `analytics:read`. */
export const FORECAST_ROUTES: Routes = [
  {
    path: '',
    title: 'nav.forecasts',
    loadComponent: () => import('./forecasts-page').then((m) => m.ForecastsPage),
  },
  {
    path: ':locationCode/:itemCode',
    title: 'nav.forecasts',
    loadComponent: () => import('./forecast-detail-page').then((m) => m.ForecastDetailPage),
  },
];
