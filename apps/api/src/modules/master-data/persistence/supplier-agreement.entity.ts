import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Links a supplier to a buyer with the commercial terms of their consignment business. */
@Entity({ name: 'supplier_agreements' })
export class SupplierAgreementEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'supplier_org_id' }) supplierOrgId!: string;
  @Column('char', { length: 3 }) currency!: string;
  @Column('numeric', { name: 'receipt_tolerance_pct', precision: 9, scale: 4 }) receiptTolerancePct!: string;
  @Column('integer', { name: 'payment_terms_days' }) paymentTermsDays!: number;
  /** Aging clause: days a receipt layer may stay consignment stock; null = no clause. */
  @Column('integer', { name: 'max_consignment_days', nullable: true }) maxConsignmentDays!: number | null;
  /** Days before the clause's transfer that an AGING warning is raised. */
  @Column('integer', { name: 'aging_notice_days', default: 14 }) agingNoticeDays!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
