import { Routes } from '@angular/router';
import { requirePermission } from '../../core/auth/guards';

/** Shipping notices; the parent route checks `shipments:read`. */
export const SHIPMENT_ROUTES: Routes = [
  {
    path: '',
    title: 'nav.shipments',
    loadComponent: () =>
      import('./shipments-page').then((m) => m.ShipmentsPage),
  },
  {
    path: 'new',
    title: 'asn.title',
    canMatch: [requirePermission('shipments:create')],
    loadComponent: () =>
      import('./shipment-form-page').then((m) => m.ShipmentFormPage),
  },
  {
    path: ':id',
    title: 'shipments.title',
    loadComponent: () =>
      import('./shipment-detail-page').then((m) => m.ShipmentDetailPage),
  },
];
