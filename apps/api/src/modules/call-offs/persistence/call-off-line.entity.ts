import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of a call-off: item, ordered quantity and need-by date; the supplier's confirmed
 * quantity and promised date; and the cumulative progress of its ASNs (shipped as declared,
 * received, closed short).
 */
@Entity({ name: 'call_off_lines' })
export class CallOffLineEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'call_off_id' }) callOffId!: string;
  @Column('integer', { name: 'line_no' }) lineNo!: number;
  @Column('uuid', { name: 'item_id' }) itemId!: string;
  @Column('numeric', { precision: 20, scale: 6 }) qty!: string;
  @Column('date', { name: 'need_by' }) needBy!: string;
  @Column('numeric', { name: 'confirmed_qty', precision: 20, scale: 6, nullable: true }) confirmedQty!: string | null;
  @Column('date', { name: 'promised_date', nullable: true }) promisedDate!: string | null;
  @Column('numeric', { name: 'shipped_qty', precision: 20, scale: 6 }) shippedQty!: string;
  @Column('numeric', { name: 'received_qty', precision: 20, scale: 6 }) receivedQty!: string;
  @Column('numeric', { name: 'short_closed_qty', precision: 20, scale: 6 }) shortClosedQty!: string;
}
