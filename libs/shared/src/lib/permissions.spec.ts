import { PERMISSIONS, ROLES, hasPermission, permissionsOf } from '../index';

describe('permission map', () => {
  it('names only known roles', () => {
    for (const roles of Object.values(PERMISSIONS)) {
      for (const r of roles) expect(ROLES).toContain(r);
    }
  });

  it.each([
    [['PLANNER'], 'calloffs:create', true],
    [['WAREHOUSE'], 'calloffs:create', false],
    [['WAREHOUSE'], 'stock:post', true],
    [['SUPPLIER_USER'], 'stock:post', false],
    [['FINANCE'], 'ledger:verify', true],
    [['PLANNER'], 'ledger:verify', false],
    [['SUPPLIER_ADMIN'], 'supplierInventory:write', true],
    [['PLATFORM_ADMIN'], 'masterdata:read', false],
    [[], 'stock:read', false],
  ] as const)('%j may %s: %s', (roles, perm, expected) => {
    expect(hasPermission(roles, perm)).toBe(expected);
  });

  it('lists the permissions of a role set', () => {
    expect(permissionsOf(['PLATFORM_ADMIN'])).toEqual(['admin:manage']);
    expect(permissionsOf(['FINANCE'])).toContain('statements:manage');
  });
});
