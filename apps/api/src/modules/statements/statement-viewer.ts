import { AppError } from '../../common/errors';
import type { Principal } from '../../common/auth/principal';

/**
 * Who reads a statement: finance and the buyer's admin see their tenant's statements, a
 * supplier sees its own statements at every buyer it is linked to. Anything else is 404.
 */
export type StatementViewer = { kind: 'BUYER'; tenantId: string } | { kind: 'SUPPLIER'; supplierOrgId: string };

export function statementViewerOf(p: Principal): StatementViewer {
  if (p.orgType === 'BUYER' && p.orgId) return { kind: 'BUYER', tenantId: p.orgId };
  if (p.orgType === 'SUPPLIER' && p.orgId) return { kind: 'SUPPLIER', supplierOrgId: p.orgId };
  throw new AppError('FORBIDDEN', 'Only buyer and supplier users can see statements');
}

/** The two bind parameters every scoped query takes: (tenant or null, supplier or null). */
export function viewerParams(v: StatementViewer): [string | null, string | null] {
  return v.kind === 'BUYER' ? [v.tenantId, null] : [null, v.supplierOrgId];
}
