import { Permission } from '@stockbridge/shared';
import { IconName } from '../shared/ui/icon';
import { TranslationKey } from './i18n/en';

export type NavSection =
  | 'overview'
  | 'admin'
  | 'chain'
  | 'inventory'
  | 'collaboration'
  | 'finance'
  | 'masterData'
  | 'supplier';

export interface NavItem {
  /** Absolute router path of a page that exists. */
  path: string;
  labelKey: TranslationKey;
  /** Shown to roles holding this permission (the route's guard checks the same one). */
  permission: Permission;
  /** Stable hook for browser tests: `[data-testid="nav-…"]`. */
  testId: string;
  section: NavSection;
  icon: IconName;
}

export const NAV_SECTIONS: readonly {
  id: NavSection;
  labelKey: TranslationKey;
}[] = [
  { id: 'overview', labelKey: 'nav.section.overview' },
  { id: 'admin', labelKey: 'nav.section.admin' },
  { id: 'chain', labelKey: 'nav.section.chain' },
  { id: 'inventory', labelKey: 'nav.section.inventory' },
  { id: 'collaboration', labelKey: 'nav.section.collaboration' },
  { id: 'finance', labelKey: 'nav.section.finance' },
  { id: 'masterData', labelKey: 'nav.section.masterData' },
  { id: 'supplier', labelKey: 'nav.section.supplier' },
];

/**
 * The navigation model: one entry per page, in display order. A new feature page adds its
 * entry here (plus its route in app.routes.ts and its labels in en.ts / zh.ts); the sidenav
 * and the home page's shortcuts follow.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    path: '/dashboard',
    labelKey: 'nav.dashboard',
    permission: 'warnings:read',
    testId: 'nav-dashboard',
    section: 'overview',
    icon: 'chart',
  },
  {
    path: '/admin/organizations',
    labelKey: 'nav.admin.orgs',
    permission: 'admin:manage',
    testId: 'nav-admin-orgs',
    section: 'admin',
    icon: 'business',
  },
  {
    path: '/admin/users',
    labelKey: 'nav.admin.users',
    permission: 'admin:manage',
    testId: 'nav-admin-users',
    section: 'admin',
    icon: 'group',
  },
  { path: '/demands', labelKey: 'nav.demands', permission: 'demands:write', testId: 'nav-demands', section: 'chain', icon: 'list' },
  {
    path: '/call-offs',
    labelKey: 'nav.callOffs',
    permission: 'calloffs:read',
    testId: 'nav-call-offs',
    section: 'chain',
    icon: 'list',
  },
  {
    path: '/shipments',
    labelKey: 'nav.shipments',
    permission: 'shipments:read',
    testId: 'nav-shipments',
    section: 'chain',
    icon: 'shipping',
  },
  {
    path: '/receiving',
    labelKey: 'nav.receiving',
    permission: 'shipments:receive',
    testId: 'nav-receiving',
    section: 'chain',
    icon: 'receive',
  },
  {
    path: '/stock',
    labelKey: 'nav.stock',
    permission: 'stock:read',
    testId: 'nav-stock',
    section: 'inventory',
    icon: 'stock',
  },
  {
    path: '/postings',
    labelKey: 'nav.postings',
    permission: 'stock:post',
    testId: 'nav-postings',
    section: 'inventory',
    icon: 'swap',
  },
  {
    path: '/transfers',
    labelKey: 'nav.transfers',
    permission: 'stock:transfer',
    testId: 'nav-transfers',
    section: 'inventory',
    icon: 'layers',
  },
  {
    path: '/forecasts',
    labelKey: 'nav.forecasts',
    permission: 'analytics:read',
    testId: 'nav-forecasts',
    section: 'inventory',
    icon: 'chart',
  },
  {
    path: '/threshold-suggestions',
    labelKey: 'nav.thresholds',
    permission: 'masterdata:read',
    testId: 'nav-thresholds',
    section: 'inventory',
    icon: 'verified',
  },
  {
    path: '/ledger/journals',
    labelKey: 'nav.journals',
    permission: 'ledger:read',
    testId: 'nav-journals',
    section: 'inventory',
    icon: 'book',
  },
  {
    path: '/ledger/verify',
    labelKey: 'nav.verify',
    permission: 'ledger:verify',
    testId: 'nav-ledger-verify',
    section: 'inventory',
    icon: 'verified',
  },
  {
    path: '/statements',
    labelKey: 'nav.statements',
    permission: 'statements:read',
    testId: 'nav-statements',
    section: 'finance',
    icon: 'receipt',
  },
  {
    path: '/reports/consumption',
    labelKey: 'nav.consumptionReport',
    permission: 'reports:read',
    testId: 'nav-consumption-report',
    section: 'finance',
    icon: 'chart',
  },
  {
    path: '/supplier-inventory/upload',
    labelKey: 'nav.upload',
    permission: 'supplierInventory:write',
    testId: 'nav-upload',
    section: 'collaboration',
    icon: 'cloudUpload',
  },
  {
    path: '/supplier-inventory/stock',
    labelKey: 'nav.supplierStock',
    permission: 'supplierInventory:read',
    testId: 'nav-supplier-stock',
    section: 'collaboration',
    icon: 'chart',
  },
  {
    path: '/locations',
    labelKey: 'nav.locations',
    permission: 'masterdata:read',
    testId: 'nav-locations',
    section: 'masterData',
    icon: 'place',
  },
  {
    path: '/items',
    labelKey: 'nav.items',
    permission: 'masterdata:read',
    testId: 'nav-items',
    section: 'masterData',
    icon: 'inventory',
  },
  {
    path: '/suppliers',
    labelKey: 'nav.suppliers',
    permission: 'masterdata:read',
    testId: 'nav-suppliers',
    section: 'masterData',
    icon: 'shipping',
  },
  {
    path: '/scorecards',
    labelKey: 'nav.scorecards',
    permission: 'scorecards:read',
    testId: 'nav-scorecards',
    section: 'collaboration',
    icon: 'chart',
  },
  {
    path: '/buyers',
    labelKey: 'nav.buyers',
    permission: 'buyers:read',
    testId: 'nav-buyers',
    section: 'supplier',
    icon: 'store',
  },
];

/** The entries a set of permissions may see. */
export function visibleNavItems(
  permissions: ReadonlySet<Permission>,
): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.has(item.permission));
}
