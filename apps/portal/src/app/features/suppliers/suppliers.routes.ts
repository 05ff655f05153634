import { Routes } from '@angular/router';
import { PriceListPage } from './price-list-page';
import { SuppliersPage } from './suppliers-page';

/** Supplier agreements and their price lists; the parent route checks `masterdata:read`. */
export const SUPPLIER_ROUTES: Routes = [
  { path: '', title: 'nav.suppliers', component: SuppliersPage },
  {
    path: ':supplierOrgId/price-list',
    title: 'priceList.title',
    component: PriceListPage,
  },
];
