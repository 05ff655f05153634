import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One ASN line: a quantity of one call-off line, with optional lot and expiry. Its id keys
 * the in-transit account on the ledger. In transit = max(qty − received, 0) − closed short.
 */
@Entity({ name: 'shipment_lines' })
export class ShipmentLineEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'shipment_id' }) shipmentId!: string;
  @Column('integer', { name: 'line_no' }) lineNo!: number;
  @Column('uuid', { name: 'call_off_line_id' }) callOffLineId!: string;
  @Column('uuid', { name: 'item_id' }) itemId!: string;
  @Column('numeric', { precision: 20, scale: 6 }) qty!: string;
  @Column('text', { name: 'lot_no', nullable: true }) lotNo!: string | null;
  @Column('date', { name: 'expiry_date', nullable: true }) expiryDate!: string | null;
  @Column('numeric', { name: 'received_qty', precision: 20, scale: 6 }) receivedQty!: string;
  @Column('numeric', { name: 'short_closed_qty', precision: 20, scale: 6 }) shortClosedQty!: string;
}
