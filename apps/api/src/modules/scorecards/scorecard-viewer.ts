import { AppError } from '../../common/errors';
import type { Principal } from '../../common/auth/principal';

/**
 * Who reads scorecards: a buyer reads its linked suppliers' (ranked); a supplier reads only its
 * own, at the buyers it is linked to. The scope always comes from the token.
 */
export type ScorecardViewer = { kind: 'BUYER'; tenantId: string } | { kind: 'SUPPLIER'; supplierOrgId: string };

export function scorecardViewerOf(p: Principal): ScorecardViewer {
  if (p.orgType === 'BUYER' && p.orgId) return { kind: 'BUYER', tenantId: p.orgId };
  if (p.orgType === 'SUPPLIER' && p.orgId) return { kind: 'SUPPLIER', supplierOrgId: p.orgId };
  throw new AppError('FORBIDDEN', 'Only buyer and supplier users can see scorecards');
}
