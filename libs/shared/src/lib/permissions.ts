import { BUYER_ROLES, Role, SUPPLIER_ROLES } from './constants';

/**
 * One permission map for API and portal: the API's guard checks it, the portal hides what a
 * role cannot do. A permission names a capability, never a screen.
 */
export const PERMISSIONS = {
  'admin:manage': ['PLATFORM_ADMIN'],
  'masterdata:read': [...BUYER_ROLES],
  'masterdata:write': ['BUYER_ADMIN', 'PLANNER'],
  'buyers:read': [...SUPPLIER_ROLES],
  'calloffs:read': [...BUYER_ROLES, ...SUPPLIER_ROLES],
  'calloffs:create': ['PLANNER'],
  'calloffs:cancel': ['PLANNER'],
  'calloffs:respond': [...SUPPLIER_ROLES],
  'shipments:read': [...BUYER_ROLES, ...SUPPLIER_ROLES],
  'shipments:create': [...SUPPLIER_ROLES],
  'shipments:receive': ['WAREHOUSE'],
  'stock:read': [...BUYER_ROLES, ...SUPPLIER_ROLES],
  'stock:post': ['WAREHOUSE'],
  'ledger:read': [...BUYER_ROLES, ...SUPPLIER_ROLES],
  'ledger:reverse': ['WAREHOUSE', 'FINANCE'],
  'ledger:verify': ['FINANCE', 'BUYER_ADMIN'],
  'supplierInventory:read': [...BUYER_ROLES, ...SUPPLIER_ROLES],
  'supplierInventory:write': [...SUPPLIER_ROLES],
  'warnings:read': [...BUYER_ROLES, ...SUPPLIER_ROLES],
  'warnings:acknowledge': [...BUYER_ROLES],
  'replenishment:read': ['PLANNER', 'BUYER_ADMIN'],
  'demands:write': ['PLANNER', 'BUYER_ADMIN'],
  'demands:read': [...BUYER_ROLES],
  'analytics:read': [...BUYER_ROLES],
  'statements:read': ['FINANCE', 'BUYER_ADMIN', ...SUPPLIER_ROLES],
  'statements:manage': ['FINANCE'],
  'statements:respond': [...SUPPLIER_ROLES],
  'reports:read': ['FINANCE', 'BUYER_ADMIN', ...SUPPLIER_ROLES],
  'scorecards:read': ['BUYER_ADMIN', 'PLANNER', 'FINANCE', ...SUPPLIER_ROLES],
  'stock:transfer': ['WAREHOUSE', 'PLANNER'],
  'agingClause:run': ['FINANCE', 'BUYER_ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** True when any of `roles` grants `permission`. */
export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

/** Every permission the roles grant, for the portal's navigation. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => hasPermission(roles, p));
}
