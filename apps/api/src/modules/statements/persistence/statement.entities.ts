import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StatementLineType, StatementStatus } from '@stockbridge/shared';

// Entities document the tables and let the schema-drift test hold them to the migration; the
// statements context reads and writes through SQL (StatementRepository), because a snapshot
// of a million lines is written with one INSERT … SELECT and read in keyset batches.

/**
 * A reconciliation statement: one supplier's title transfers in one period of inclusive
 * business dates, frozen at creation. Content columns never change (database trigger); the
 * status moves DRAFT → ISSUED | SUPERSEDED, ISSUED → CONFIRMED | DISPUTED.
 */
@Entity({ name: 'statements' })
export class StatementEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  /** `ST-2026-000001`, gap-free per tenant and year. */
  @Column('text') number!: string;
  @Column('uuid', { name: 'supplier_org_id' }) supplierOrgId!: string;
  @Column('text') status!: StatementStatus;
  @Column('date', { name: 'period_from' }) periodFrom!: string;
  @Column('date', { name: 'period_to' }) periodTo!: string;
  @Column('char', { length: 3 }) currency!: string;
  /** Sum of the line amounts in `currency`. */
  @Column('numeric', { name: 'total_amount', precision: 20, scale: 2 }) totalAmount!: string;
  /** Also the staleness fingerprint: transfers are append-only, so the period's set is unchanged iff its count is. */
  @Column('integer', { name: 'line_count' }) lineCount!: number;
  @Column('text', { name: 'content_sha256' }) contentSha256!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'issued_at', nullable: true }) issuedAt!: Date | null;
  @Column('uuid', { name: 'issued_by', nullable: true }) issuedBy!: string | null;
  @Column('timestamptz', { name: 'responded_at', nullable: true }) respondedAt!: Date | null;
  @Column('uuid', { name: 'responded_by', nullable: true }) respondedBy!: string | null;
  @Column('uuid', { name: 'superseded_by_id', nullable: true }) supersededById!: string | null;
}

/** One title transfer of the period as it stood when the statement was made. */
@Entity({ name: 'statement_lines' })
export class StatementLineEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'statement_id' }) statementId!: string;
  @PrimaryColumn('integer', { name: 'line_no' }) lineNo!: number;
  @Column('uuid') id!: string;
  @Column('bigint', { name: 'transfer_id' }) transferId!: string;
  @Column('uuid', { name: 'journal_id' }) journalId!: string;
  @Column('text', { name: 'journal_type' }) journalType!: StatementLineType;
  @Column('date', { name: 'effective_date' }) effectiveDate!: string;
  @Column('uuid', { name: 'item_id' }) itemId!: string;
  @Column('text', { name: 'item_code' }) itemCode!: string;
  @Column('text', { name: 'supplier_sku', nullable: true }) supplierSku!: string | null;
  @Column('text', { name: 'location_code' }) locationCode!: string;
  @Column('numeric', { precision: 20, scale: 6 }) qty!: string;
  @Column('numeric', { name: 'unit_price', precision: 20, scale: 6 }) unitPrice!: string;
  @Column('char', { length: 3 }) currency!: string;
  @Column('numeric', { precision: 20, scale: 2 }) amount!: string;
  @Column('text', { nullable: true }) reference!: string | null;
}

/** Supplier-owned quantity of one item at the buyer's real sites at the start and end of the period. */
@Entity({ name: 'statement_quantities' })
export class StatementQuantityEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'statement_id' }) statementId!: string;
  @PrimaryColumn('uuid', { name: 'item_id' }) itemId!: string;
  @Column('text', { name: 'item_code' }) itemCode!: string;
  @Column('numeric', { name: 'opening_qty', precision: 20, scale: 6 }) openingQty!: string;
  @Column('numeric', { name: 'closing_qty', precision: 20, scale: 6 }) closingQty!: string;
}

/** The total of the lines in one currency. */
@Entity({ name: 'statement_totals' })
export class StatementTotalEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'statement_id' }) statementId!: string;
  @PrimaryColumn('char', { length: 3 }) currency!: string;
  @Column('numeric', { precision: 20, scale: 2 }) amount!: string;
  @Column('integer', { name: 'line_count' }) lineCount!: number;
}

/** A line the supplier does not accept, and why. */
@Entity({ name: 'statement_line_disputes' })
export class StatementLineDisputeEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'statement_id' }) statementId!: string;
  @PrimaryColumn('uuid', { name: 'line_id' }) lineId!: string;
  @Column('text') comment!: string;
  @Column('uuid', { name: 'disputed_by', nullable: true }) disputedBy!: string | null;
  @Column('timestamptz', { name: 'disputed_at' }) disputedAt!: Date;
}

/** One status change of a statement: who, when, from, to, why. */
@Entity({ name: 'statement_events' })
export class StatementEventEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('bigint') id!: string;
  @Column('uuid', { name: 'statement_id' }) statementId!: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus!: StatementStatus | null;
  @Column('text', { name: 'to_status' }) toStatus!: StatementStatus;
  @Column('timestamptz') at!: Date;
  @Column('uuid', { name: 'by_user_id', nullable: true }) byUserId!: string | null;
  @Column('uuid', { name: 'by_org_id', nullable: true }) byOrgId!: string | null;
  @Column('text', { nullable: true }) comment!: string | null;
}

export const STATEMENT_ENTITIES = [
  StatementEntity,
  StatementLineEntity,
  StatementQuantityEntity,
  StatementTotalEntity,
  StatementLineDisputeEntity,
  StatementEventEntity,
];
