import { Routes } from '@angular/router';
import { OrganizationsPage } from './organizations-page';
import { UsersPage } from './users-page';

/** Platform administration; the parent route checks `admin:manage`. */
export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'organizations' },
  {
    path: 'organizations',
    title: 'nav.admin.orgs',
    component: OrganizationsPage,
  },
  { path: 'users', title: 'nav.admin.users', component: UsersPage },
];
