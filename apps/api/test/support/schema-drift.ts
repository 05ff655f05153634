import type { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Schema drift: what the TypeORM entities believe about the database versus what the
 * migrations actually built. Migrations own the schema (`synchronize` is never on), so an
 * entity that disagrees with them fails at run time in ways unit tests do not see: a numeric
 * read with the wrong scale, a nullable column written as NOT NULL, a renamed column.
 */

export interface SchemaDriftOptions {
  /**
   * Database columns that an entity does not map are drift by default (a NOT NULL one makes
   * every insert through the entity fail). Set to true for entities that are deliberate
   * partial views of a table.
   */
  allowUnmappedColumns?: boolean;
}

interface DbColumn {
  table_schema: string;
  table_name: string;
  column_name: string;
  is_nullable: 'YES' | 'NO';
  data_type: string;
  udt_name: string;
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
}

/** PostgreSQL's internal (udt) names of array element types, as information_schema spells them. */
const UDT_NAMES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'character',
  varchar: 'character varying',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  timetz: 'time with time zone',
  time: 'time without time zone',
  varbit: 'bit varying',
};

const LENGTH_TYPES = new Set(['character', 'character varying', 'bit', 'bit varying']);
const TIME_TYPES = new Set(['timestamp with time zone', 'timestamp without time zone', 'time with time zone', 'time without time zone']);
/** PostgreSQL's default fractional-second precision. */
const DEFAULT_TIME_PRECISION = 6;

function withTimePrecision(base: string, precision: number | null | undefined): string {
  if (precision === null || precision === undefined || precision === DEFAULT_TIME_PRECISION) return base;
  return base.replace(/^(timestamp|time)/, `$1(${precision})`);
}

/** The column's SQL type as information_schema describes it, in one comparable string. */
function dbType(c: DbColumn): string {
  if (c.data_type === 'ARRAY') {
    // information_schema keeps no length/precision for array elements: compare the base type.
    const element = c.udt_name.replace(/^_/, '');
    return `${UDT_NAMES[element] ?? element}[]`;
  }
  if (c.data_type === 'USER-DEFINED') return `enum or user type ${c.udt_name}`;
  if (LENGTH_TYPES.has(c.data_type)) return c.character_maximum_length ? `${c.data_type}(${c.character_maximum_length})` : c.data_type;
  if (c.data_type === 'numeric') return c.numeric_precision !== null ? `numeric(${c.numeric_precision},${c.numeric_scale ?? 0})` : 'numeric';
  if (TIME_TYPES.has(c.data_type)) return withTimePrecision(c.data_type, c.datetime_precision);
  return c.data_type;
}

/** The SQL type an entity column declares, normalised the same way as `dbType`. */
function entityType(ds: DataSource, col: ColumnMetadata): string {
  const base = ds.driver.normalizeType(col) || `(unknown type ${String(col.type)})`;
  if (col.isArray) return `${base}[]`;
  if (base === 'enum' || base === 'simple-enum') return `enum or user type ${col.enumName ?? `${col.entityMetadata.tableName}_${col.databaseName}_enum`}`;
  if (LENGTH_TYPES.has(base)) {
    // char without a length is char(1) in PostgreSQL; varchar without one is unbounded.
    const length = col.length || (base === 'character' ? '1' : '');
    return length ? `${base}(${length})` : base;
  }
  if (base === 'numeric') {
    return col.precision !== null && col.precision !== undefined ? `numeric(${col.precision},${col.scale ?? 0})` : 'numeric';
  }
  if (TIME_TYPES.has(base)) return withTimePrecision(base, col.precision);
  return base;
}

/**
 * Compares every entity of `dataSource` (tables and views it maps: name, SQL type with
 * length/precision/scale, nullability) with information_schema of the database it is
 * connected to. Returns one readable line per difference; empty means no drift.
 */
export async function findSchemaDrift(dataSource: DataSource, options: SchemaDriftOptions = {}): Promise<string[]> {
  const [{ schema }] = (await dataSource.query(`SELECT current_schema() AS schema`)) as [{ schema: string }];
  const rows: DbColumn[] = await dataSource.query(
    `SELECT table_schema, table_name, column_name, is_nullable, data_type, udt_name,
            character_maximum_length, numeric_precision, numeric_scale, datetime_precision
       FROM information_schema.columns
      WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const tables = new Map<string, Map<string, DbColumn>>();
  for (const r of rows) {
    const key = `${r.table_schema}.${r.table_name}`;
    if (!tables.has(key)) tables.set(key, new Map());
    tables.get(key)?.set(r.column_name, r);
  }

  const drift: string[] = [];
  const metadatas = [...dataSource.entityMetadatas].sort((a, b) => a.tableName.localeCompare(b.tableName) || a.name.localeCompare(b.name));
  for (const meta of metadatas) {
    const entity = meta.name;
    const tableSchema = meta.schema ?? schema;
    const table = tables.get(`${tableSchema}.${meta.tableName}`);
    const label = tableSchema === schema ? meta.tableName : `${tableSchema}.${meta.tableName}`;
    if (!table) {
      drift.push(`${label}: table of entity ${entity} does not exist in the database`);
      continue;
    }
    const mapped = new Set<string>();
    for (const col of meta.columns) {
      if (col.isVirtual || col.isVirtualProperty) continue;
      const name = col.databaseName;
      mapped.add(name);
      const db = table.get(name);
      if (!db) {
        drift.push(`${label}.${name}: column of ${entity}.${col.propertyPath} does not exist in the database`);
        continue;
      }
      const expected = entityType(dataSource, col);
      const actual = dbType(db);
      if (expected !== actual) drift.push(`${label}.${name}: type is ${actual} in the database but ${expected} in ${entity}.${col.propertyPath}`);
      const dbNullable = db.is_nullable === 'YES';
      if (col.isNullable !== dbNullable) {
        drift.push(
          `${label}.${name}: ${dbNullable ? 'NULL allowed' : 'NOT NULL'} in the database but ${col.isNullable ? 'nullable' : 'not nullable'} in ${entity}.${col.propertyPath}`,
        );
      }
    }
    if (!options.allowUnmappedColumns) {
      for (const name of [...table.keys()].sort()) {
        if (!mapped.has(name)) drift.push(`${label}.${name}: column exists in the database but ${entity} does not map it`);
      }
    }
  }
  return drift;
}
