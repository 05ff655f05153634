import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A receipt: what the warehouse received of one shipment at one time (`RC-2026-000001`),
 * with its RECEIPT journal and, when more arrived than declared, the over-delivery
 * SHIPMENT journal.
 */
@Entity({ name: 'receipts' })
export class ReceiptEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') number!: string;
  @Column('uuid', { name: 'shipment_id' }) shipmentId!: string;
  @Column('uuid', { name: 'journal_id' }) journalId!: string;
  @Column('uuid', { name: 'over_delivery_journal_id', nullable: true }) overDeliveryJournalId!: string | null;
  @Column('date', { name: 'effective_date' }) effectiveDate!: string;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

/** One ASN line's quantity on a receipt; `overDeliveredQty` of it arrived beyond the ASN line. */
@Entity({ name: 'receipt_lines' })
export class ReceiptLineEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'receipt_id' }) receiptId!: string;
  @Column('uuid', { name: 'shipment_line_id' }) shipmentLineId!: string;
  @Column('numeric', { precision: 20, scale: 6 }) qty!: string;
  @Column('numeric', { name: 'over_delivered_qty', precision: 20, scale: 6 }) overDeliveredQty!: string;
}
