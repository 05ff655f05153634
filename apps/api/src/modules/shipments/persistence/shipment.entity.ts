import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ShipmentStatus } from '@stockbridge/shared';

/**
 * A shipment (ASN): what a supplier declared shipped against one call-off. Its SHIPMENT
 * journal is posted in the same transaction, before the row is written.
 */
@Entity({ name: 'shipments' })
export class ShipmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  /** `ASN-2026-000001`, gap-free per tenant and year. */
  @Column('text') number!: string;
  @Column('uuid', { name: 'call_off_id' }) callOffId!: string;
  @Column('uuid', { name: 'supplier_org_id' }) supplierOrgId!: string;
  @Column('uuid', { name: 'location_id' }) locationId!: string;
  @Column('text') status!: ShipmentStatus;
  @Column('uuid', { name: 'journal_id' }) journalId!: string;
  @Column('uuid', { name: 'short_close_journal_id', nullable: true }) shortCloseJournalId!: string | null;
  @Column('text', { name: 'close_reason', nullable: true }) closeReason!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('uuid', { name: 'closed_by', nullable: true }) closedBy!: string | null;
}
