import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Low-water (min), max and severity thresholds for one item at one VMI location. */
@Entity({ name: 'stock_policies' })
export class StockPolicyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'location_id' }) locationId!: string;
  @Column('uuid', { name: 'item_id' }) itemId!: string;
  @Column('numeric', { name: 'min_qty', precision: 20, scale: 6 }) minQty!: string;
  @Column('numeric', { name: 'max_qty', precision: 20, scale: 6 }) maxQty!: string;
  @Column('numeric', { name: 'yellow_pct', precision: 7, scale: 2 }) yellowPct!: string;
  @Column('numeric', { name: 'orange_pct', precision: 7, scale: 2 }) orangePct!: string;
  @Column('numeric', { name: 'red_pct', precision: 7, scale: 2 }) redPct!: string;
  @Column('boolean', { name: 'auto_call_off' }) autoCallOff!: boolean;
  @Column('uuid', { name: 'preferred_supplier_org_id', nullable: true }) preferredSupplierOrgId!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
