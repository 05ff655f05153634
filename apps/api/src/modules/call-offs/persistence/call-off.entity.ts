import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CallOffStatus } from '@stockbridge/shared';

/**
 * A call-off (consignment order): the buyer asks one linked supplier to deliver items to one
 * VMI location. Its status is derived from its lines (`deriveCallOffStatus`) and stored for
 * filtering; REJECTED and CANCELLED are decisions that no quantity undoes.
 */
@Entity({ name: 'call_offs' })
export class CallOffEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  /** `CO-2026-000001`, gap-free per tenant and year. */
  @Column('text') number!: string;
  @Column('uuid', { name: 'supplier_org_id' }) supplierOrgId!: string;
  @Column('uuid', { name: 'location_id' }) locationId!: string;
  @Column('text') status!: CallOffStatus;
  @Column('text', { name: 'reject_reason', nullable: true }) rejectReason!: string | null;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'confirmed_at', nullable: true }) confirmedAt!: Date | null;
  @Column('uuid', { name: 'confirmed_by', nullable: true }) confirmedBy!: string | null;
  @Column('timestamptz', { name: 'rejected_at', nullable: true }) rejectedAt!: Date | null;
  @Column('uuid', { name: 'rejected_by', nullable: true }) rejectedBy!: string | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
  @Column('uuid', { name: 'cancelled_by', nullable: true }) cancelledBy!: string | null;
}
