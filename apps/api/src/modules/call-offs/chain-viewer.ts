import { AppError } from '../../common/errors';
import type { Principal } from '../../common/auth/principal';

/**
 * Who reads or acts on chain documents: a buyer sees its own tenant's documents, a supplier
 * sees its own documents at every buyer it is linked to. Anything else answers 404.
 */
export type ChainViewer = { kind: 'BUYER'; tenantId: string } | { kind: 'SUPPLIER'; supplierOrgId: string };

export function chainViewerOf(p: Principal): ChainViewer {
  if (p.orgType === 'BUYER' && p.orgId) return { kind: 'BUYER', tenantId: p.orgId };
  if (p.orgType === 'SUPPLIER' && p.orgId) return { kind: 'SUPPLIER', supplierOrgId: p.orgId };
  throw new AppError('FORBIDDEN', 'Only buyer and supplier users can see call-offs and shipments');
}

/** The two bind parameters every scoped query takes: (tenant or null, supplier or null). */
export function scopeParams(v: ChainViewer): [string | null, string | null] {
  return v.kind === 'BUYER' ? [v.tenantId, null] : [null, v.supplierOrgId];
}
