import { formatDocumentNumber, type DocumentPrefix } from '@stockbridge/domain';
import type { Db } from '../../../database/db.service';

/**
 * The next gap-free document number of a tenant (`CO-2026-000001`, `ASN-…`, `RC-…`).
 *
 * The counter row is upserted and incremented in the caller's transaction, so a rolled-back
 * command gives its number back and concurrent creators queue on the row lock rather than
 * leaving gaps. The year is the UTC year of the transaction's start.
 */
export async function nextDocumentNumber(db: Db, tenantId: string, prefix: DocumentPrefix): Promise<string> {
  if (!db.inTransaction) throw new Error('nextDocumentNumber must run inside a transaction');
  const [row] = await db.query<{ year: number; last_value: string }>(
    `INSERT INTO document_sequences (tenant_id, kind, year, last_value)
     VALUES ($1, $2, extract(year FROM now() AT TIME ZONE 'UTC')::int, 1)
     ON CONFLICT (tenant_id, kind, year) DO UPDATE SET last_value = document_sequences.last_value + 1
     RETURNING year, last_value`,
    [tenantId, prefix],
  );
  if (!row) throw new Error('document sequence did not return a value');
  return formatDocumentNumber(prefix, row.year, parseInt(row.last_value, 10));
}
