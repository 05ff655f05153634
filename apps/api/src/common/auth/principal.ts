import type { OrgType, Role } from '@stockbridge/shared';

/** Who is calling, taken from a verified token. The tenant always comes from here. */
export interface Principal {
  userId: string;
  email: string;
  /** The caller's organisation: a buyer (tenant) or a supplier; null for the platform admin. */
  orgId: string | null;
  orgType: OrgType | null;
  roles: Role[];
}

export function isBuyer(p: Principal): boolean {
  return p.orgType === 'BUYER';
}
export function isSupplier(p: Principal): boolean {
  return p.orgType === 'SUPPLIER';
}
