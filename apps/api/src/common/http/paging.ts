import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Page, PAGE_DEFAULT_LIMIT, PAGE_MAX_LIMIT } from '@stockbridge/shared';
import { AppError } from '../errors';
import { sqlState } from '../../database/db.service';

/** `?limit=&cursor=` (+ optional `sort`/`order`) for every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX_LIMIT, default: PAGE_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not valid' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'Sort field (list-specific)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export function pageLimit(q: PageQueryDto): number {
  return q.limit ?? PAGE_DEFAULT_LIMIT;
}

const invalidCursor = () => new AppError('VALIDATION_FAILED', 'cursor is not valid', [{ path: 'cursor', message: 'cursor is not valid' }]);

/** Keyset cursor: the sort key values of the last row, base64url JSON. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === arity && v.every((x) => ['string', 'number'].includes(typeof x) || x === null)) return v;
  } catch {
    /* fall through */
  }
  throw invalidCursor();
}

/**
 * A timestamp column as a sortable text key (UTC, microseconds), so keyset cursors compare
 * it with the row id like any other sort key.
 */
export const isoSortKey = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** `%text%` for ILIKE with the caller's `%`, `_` and `\` taken literally; null when absent. */
export const containsPattern = (text: string | undefined): string | null => (text ? `%${text.replace(/[\\%_]/g, '\\$&')}%` : null);

export interface SortSpec {
  /** SQL expression the list sorts by (never user text: chosen from a whitelist). */
  expr: string;
  order: 'asc' | 'desc';
}

/** Picks a whitelisted sort column; unknown names → 400 rather than silently ignored. */
export function sortSpec(q: PageQueryDto, allowed: Record<string, string>, def: string): SortSpec {
  const key = q.sort ?? def;
  const expr = allowed[key];
  if (!expr) {
    throw new AppError('VALIDATION_FAILED', `sort must be one of ${Object.keys(allowed).join(', ')}`, [
      { path: 'sort', message: `sort must be one of ${Object.keys(allowed).join(', ')}`, value: q.sort },
    ]);
  }
  return { expr, order: q.order ?? 'asc' };
}

/**
 * Builds a keyset-paged SELECT: `base` must select `sort_key` and `id` columns (aliases) and
 * may reference $1..$n of `params`. Rows are fetched limit+1 to know whether there is more.
 */
export async function keysetPage<R extends { id: string }, T>(
  run: (sql: string, params: unknown[]) => Promise<R[]>,
  opts: {
    base: string;
    params: unknown[];
    sort: SortSpec;
    query: PageQueryDto;
    map: (row: R) => T;
    sortValue: (row: R) => string | number | null;
  },
): Promise<Page<T>> {
  const limit = pageLimit(opts.query);
  const cursor = decodeCursor(opts.query.cursor, 2);
  const params = [...opts.params];
  const dir = opts.sort.order === 'desc' ? 'DESC' : 'ASC';
  const cmp = opts.sort.order === 'desc' ? '<' : '>';
  let where = '';
  if (cursor) {
    params.push(cursor[0], cursor[1]);
    where = `WHERE (q.sort_key, q.id) ${cmp} ($${params.length - 1}, $${params.length})`;
  }
  params.push(limit + 1);
  const sql = `SELECT * FROM (${opts.base}) q ${where} ORDER BY q.sort_key ${dir}, q.id ${dir} LIMIT $${params.length}`;
  let rows: R[];
  try {
    rows = await run(sql, params);
  } catch (e) {
    // A cursor is client text: a well-formed one may still carry values PostgreSQL cannot read
    // as the sort key's or id's type (SQLSTATE class 22). That is a bad request, not a 500.
    if (cursor && sqlState(e)?.startsWith('22')) throw invalidCursor();
    throw e;
  }
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(opts.map),
    nextCursor: more && last ? encodeCursor([opts.sortValue(last), last.id]) : null,
  };
}
