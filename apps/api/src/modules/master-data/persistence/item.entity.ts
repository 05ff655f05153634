import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A buyer's material. `decimals` caps the precision of every quantity of it (0–6). */
@Entity({ name: 'items' })
export class ItemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') code!: string;
  @Column('text') description!: string;
  @Column('text') uom!: string;
  @Column('smallint') decimals!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
