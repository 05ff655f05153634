import { Column, CreateDateColumn, DataSource, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { createTestApp, type TestApp } from '../support/test-app';
import { findSchemaDrift } from '../support/schema-drift';

// Deliberately wrong entities, mapped onto the migrated tables, to prove the check bites.

/** items: decimals is smallint, code NOT NULL, there is no colour, the rest unmapped. */
@Entity({ name: 'items' })
class DriftedItem {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('integer') decimals!: number;
  @Column('text', { nullable: true }) code!: string | null;
  @Column('text') colour!: string;
}

/** price_list_entries: unit_price is numeric(20,6), currency char(3), valid_to nullable. */
@Entity({ name: 'price_list_entries' })
class DriftedPrice {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('numeric', { name: 'unit_price', precision: 12, scale: 2 }) unitPrice!: string;
  @Column('varchar', { length: 3 }) currency!: string;
  @Column('timestamptz', { name: 'valid_to' }) validTo!: Date;
}

/** users: roles is text[]. */
@Entity({ name: 'users' })
class DriftedUser {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') roles!: string;
}

@Entity({ name: 'no_such_table' })
class GhostEntity {
  @PrimaryColumn('uuid') id!: string;
}

/** Right in every respect: must produce no line. */
@Entity({ name: 'locations' })
class ExactLocation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') type!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

describe('schema drift (entities vs migrations)', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('the app maps the foundation tables through entities', () => {
    const tables = ds.entityMetadatas.map((m) => m.tableName);
    expect(tables).toEqual(
      expect.arrayContaining(['organizations', 'users', 'locations', 'items', 'supplier_agreements', 'price_list_entries', 'stock_policies']),
    );
  });

  it('no entity disagrees with the migrated database', async () => {
    const drift = await findSchemaDrift(ds);
    // Printed whole on failure: one line per difference.
    expect(drift).toEqual([]);
  });

  it('synchronize is off: migrations own the schema', () => {
    const options = ds.options as PostgresConnectionOptions;
    expect(options.synchronize).toBe(false);
    expect(options.dropSchema ?? false).toBe(false);
    expect(options.migrationsRun ?? false).toBe(false);
  });

  describe('the check itself', () => {
    let fake: DataSource;
    let drift: string[];
    beforeAll(async () => {
      const url = (ds.options as PostgresConnectionOptions).url;
      fake = new DataSource({
        type: 'postgres',
        url,
        entities: [DriftedItem, DriftedPrice, DriftedUser, GhostEntity, ExactLocation],
        synchronize: false,
        extra: { max: 1 },
      });
      await fake.initialize();
      drift = await findSchemaDrift(fake);
    });
    afterAll(() => fake.destroy());

    it.each([
      ['a wrong type', /^items\.decimals: type is smallint in the database but integer in DriftedItem\.decimals$/],
      ['a wrong nullability', /^items\.code: NOT NULL in the database but nullable in DriftedItem\.code$/],
      ['a missing column', /^items\.colour: column of DriftedItem\.colour does not exist in the database$/],
      ['an unmapped column', /^items\.description: column exists in the database but DriftedItem does not map it$/],
      ['a wrong precision/scale', /^price_list_entries\.unit_price: type is numeric\(20,6\) in the database but numeric\(12,2\) in DriftedPrice\.unitPrice$/],
      ['char vs varchar', /^price_list_entries\.currency: type is character\(3\) in the database but character varying\(3\)/],
      ['NULL allowed vs not nullable', /^price_list_entries\.valid_to: NULL allowed in the database but not nullable in DriftedPrice\.validTo$/],
      ['an array vs a scalar', /^users\.roles: type is text\[\] in the database but text in DriftedUser\.roles$/],
      ['a missing table', /^no_such_table: table of entity GhostEntity does not exist in the database$/],
    ])('reports %s', (_name, line) => {
      expect(drift).toEqual(expect.arrayContaining([expect.stringMatching(line)]));
    });

    it('reports nothing for an exact entity, nor for matching columns of drifted ones', () => {
      expect(drift.filter((l) => l.startsWith('locations'))).toEqual([]);
      expect(drift.filter((l) => l.startsWith('items.id') || l.startsWith('price_list_entries.id'))).toEqual([]);
    });

    it('can allow deliberately partial entities', async () => {
      const partial = await findSchemaDrift(fake, { allowUnmappedColumns: true });
      expect(partial.some((l) => l.includes('does not map it'))).toBe(false);
      expect(partial.length).toBeGreaterThan(0);
    });
  });
});
