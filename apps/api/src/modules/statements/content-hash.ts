import { createHash, type Hash } from 'node:crypto';
import type { StatementCurrencyTotal, StatementItemQty, StatementLine } from '@stockbridge/shared';
import { canonicalJson } from '@stockbridge/domain';

/** Versions the hashed form, so a future change of it can never be mistaken for a content change. */
export const CONTENT_HASH_PREFIX = 'stockbridge-statement-v1\n';

/** What a statement says, besides its lines — everything that never changes once it exists. */
export interface StatementContentHeader {
  buyerOrgId: string;
  supplierOrgId: string;
  number: string;
  periodFrom: string;
  periodTo: string;
  currency: string;
  lineCount: number;
  totalAmount: string;
  totals: StatementCurrencyTotal[];
  openingQty: StatementItemQty[];
  closingQty: StatementItemQty[];
}

/** A line's hashed content: the API's line without the dispute (an annotation, not content). */
export type StatementContentLine = Omit<StatementLine, 'dispute'>;

/**
 * One line in canonical JSON. The object literal lists its keys already sorted, so
 * JSON.stringify gives exactly `canonicalJson(line)` (asserted by the spec) at a fraction of
 * the cost — this runs once per line, a million times for a large statement.
 */
export function canonicalLine(l: StatementContentLine): string {
  return JSON.stringify({
    amount: l.amount,
    currency: l.currency,
    effectiveAt: l.effectiveAt,
    id: l.id,
    itemCode: l.itemCode,
    journalId: l.journalId,
    journalType: l.journalType,
    lineNo: l.lineNo,
    locationCode: l.locationCode,
    qty: l.qty,
    reference: l.reference,
    supplierSku: l.supplierSku,
    unitPrice: l.unitPrice,
  });
}

/**
 * SHA-256 of a statement's canonical content (docs/statements.md):
 *
 *     "stockbridge-statement-v1\n" + canonicalJson(header) + "\n" + Σ (canonicalJson(line) + "\n")
 *
 * with the lines in lineNo order and every decimal as the API writes it. Anyone holding the
 * API's JSON (header + all pages of lines) can recompute it; status and disputes are not
 * part of it, so the hash finance reviewed as a draft is the hash it issues.
 */
export class StatementContentHasher {
  private readonly hash: Hash = createHash('sha256');
  private lines = 0;

  constructor(private readonly header: StatementContentHeader) {
    this.hash.update(CONTENT_HASH_PREFIX);
    this.hash.update(canonicalJson(header));
    this.hash.update('\n');
  }

  add(lines: readonly StatementContentLine[]): void {
    let chunk = '';
    for (const line of lines) {
      if (line.lineNo !== this.lines + 1) throw new Error(`statement lines out of order: ${line.lineNo} after ${this.lines}`);
      this.lines++;
      chunk += canonicalLine(line) + '\n';
    }
    this.hash.update(chunk);
  }

  /** The hex digest; throws if fewer or more lines were added than the header announces. */
  digest(): string {
    if (this.lines !== this.header.lineCount) throw new Error(`hashed ${this.lines} lines, the header says ${this.header.lineCount}`);
    return this.hash.digest('hex');
  }
}
