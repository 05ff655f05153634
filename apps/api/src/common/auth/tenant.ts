import { AppError } from '../errors';
import type { Principal } from './principal';

/** The buyer tenant of a buyer-side caller. The tenant always comes from the token. */
export function buyerTenantOf(p: Principal): string {
  if (p.orgType !== 'BUYER' || !p.orgId) throw new AppError('FORBIDDEN', 'Only buyer users can do this');
  return p.orgId;
}

/** The supplier organisation of a supplier-side caller. */
export function supplierOrgOf(p: Principal): string {
  if (p.orgType !== 'SUPPLIER' || !p.orgId) throw new AppError('FORBIDDEN', 'Only supplier users can do this');
  return p.orgId;
}
