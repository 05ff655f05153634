import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SupplierInventoryChangeSource, UploadMode, UploadStatus } from '@stockbridge/shared';

/**
 * What a supplier says it holds in one of its own warehouses for one buyer: one row per
 * (supplier, site, item, lot). Written by upload applies and single-row edits (raw SQL in
 * SupplierInventoryRepository); the entity documents the table.
 */
@Entity({ name: 'supplier_inventory' })
export class SupplierInventoryEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'supplier_org_id' }) supplierOrgId!: string;
  @PrimaryColumn('uuid', { name: 'item_id' }) itemId!: string;
  /** The supplier's warehouse code, upper case. */
  @PrimaryColumn('text', { name: 'site_code' }) siteCode!: string;
  /** '' when the row has no lot. */
  @PrimaryColumn('text', { name: 'lot_no' }) lotNo!: string;
  @Column('numeric', { name: 'available_qty', precision: 20, scale: 6 }) availableQty!: string;
  /** The quantity before the last write; null when that write created the row. */
  @Column('numeric', { name: 'previous_qty', precision: 20, scale: 6, nullable: true }) previousQty!: string | null;
  @Column('text') uom!: string;
  @Column('date', { name: 'expiry_date', nullable: true }) expiryDate!: string | null;
  /** When the supplier last stated this quantity. */
  @Column('timestamptz', { name: 'as_of' }) asOf!: Date;
  /** The upload that last stated it; null after a single-row edit. */
  @Column('uuid', { name: 'upload_id', nullable: true }) uploadId!: string | null;
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** One change of a row's quantity (append-only). */
@Entity({ name: 'supplier_inventory_history' })
export class SupplierInventoryHistoryEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'supplier_org_id' }) supplierOrgId!: string;
  @PrimaryColumn('uuid', { name: 'item_id' }) itemId!: string;
  @PrimaryColumn('text', { name: 'site_code' }) siteCode!: string;
  @PrimaryColumn('bigint') id!: string;
  @Column('text', { name: 'lot_no' }) lotNo!: string;
  /** Null when the row did not exist before. */
  @Column('numeric', { name: 'old_qty', precision: 20, scale: 6, nullable: true }) oldQty!: string | null;
  @Column('numeric', { name: 'new_qty', precision: 20, scale: 6 }) newQty!: string;
  @Column('text') source!: SupplierInventoryChangeSource;
  @Column('uuid', { name: 'upload_id', nullable: true }) uploadId!: string | null;
  @Column('uuid', { name: 'changed_by', nullable: true }) changedBy!: string | null;
  @Column('timestamptz', { name: 'changed_at' }) changedAt!: Date;
}

/**
 * One upload batch: who uploaded which file (SHA-256) for which buyer, in which mode, what was
 * found, and what became of it. Also the background job's lease.
 */
@Entity({ name: 'supplier_inventory_uploads' })
export class SupplierInventoryUploadEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'supplier_org_id' }) supplierOrgId!: string;
  @Column('uuid', { name: 'uploaded_by' }) uploadedBy!: string;
  @Column('text', { name: 'file_name' }) fileName!: string;
  @Column('text', { name: 'file_sha256' }) fileSha256!: string;
  @Column('bigint', { name: 'file_bytes' }) fileBytes!: string;
  @Column('text') mode!: UploadMode;
  @Column('boolean', { name: 'dry_run' }) dryRun!: boolean;
  @Column('text') status!: UploadStatus;
  @Column('boolean') background!: boolean;
  @Column('integer', { name: 'total_rows', nullable: true }) totalRows!: number | null;
  @Column('integer', { name: 'processed_rows' }) processedRows!: number;
  @Column('integer', { name: 'valid_rows' }) validRows!: number;
  @Column('integer', { name: 'error_rows' }) errorRows!: number;
  @Column('integer', { name: 'error_count' }) errorCount!: number;
  @Column('boolean', { name: 'errors_truncated' }) errorsTruncated!: boolean;
  @Column('jsonb', { nullable: true }) headers!: string[] | null;
  @Column('jsonb') notices!: unknown[];
  @Column('text', { array: true, nullable: true }) sites!: string[] | null;
  @Column('boolean', { name: 'no_change' }) noChange!: boolean;
  @Column('uuid', { name: 'duplicate_of', nullable: true }) duplicateOf!: string | null;
  @Column('integer', { name: 'changed_rows', nullable: true }) changedRows!: number | null;
  @Column('text', { name: 'failure_reason', nullable: true }) failureReason!: string | null;
  @Column('text', { name: 'locked_by', nullable: true }) lockedBy!: string | null;
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil!: Date | null;
  @Column('integer') attempts!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'validated_at', nullable: true }) validatedAt!: Date | null;
  @Column('timestamptz', { name: 'applied_at', nullable: true }) appliedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}
