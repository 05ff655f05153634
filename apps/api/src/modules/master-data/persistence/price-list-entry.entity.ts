import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One price of one item from one supplier, valid from `validFrom` until the next entry
 * (`validTo`). Entries are never edited, so a past transfer's price can always be found.
 */
@Entity({ name: 'price_list_entries' })
export class PriceListEntryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'supplier_org_id' }) supplierOrgId!: string;
  @Column('uuid', { name: 'item_id' }) itemId!: string;
  @Column('text', { name: 'supplier_sku' }) supplierSku!: string;
  @Column('numeric', { name: 'unit_price', precision: 20, scale: 6 }) unitPrice!: string;
  @Column('char', { length: 3 }) currency!: string;
  @Column('integer', { name: 'lead_time_days' }) leadTimeDays!: number;
  @Column('timestamptz', { name: 'valid_from' }) validFrom!: Date;
  @Column('timestamptz', { name: 'valid_to', nullable: true }) validTo!: Date | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
}
