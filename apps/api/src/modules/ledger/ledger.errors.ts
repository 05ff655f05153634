import { formatPlain } from '@stockbridge/domain';
import { AppError } from '../../common/errors';
import { constraintOf, sqlState } from '../../database/db.service';

/**
 * SQLSTATEs raised by the ledger's PL/pgSQL functions and constraints (see the migration
 * 1764000100001-CreatedLedgerPostingFunctions), mapped to the contract's problem codes.
 * Invariant breaches (SBZS1 unbalanced journal, SBAO1 append-only, SBOR1 rows without their
 * journal, SBIN1 bad arguments) are
 * bugs and stay unmapped: the problem filter answers 500.
 */
export const LEDGER_SQLSTATE = {
  NOT_FOUND: 'SBNF1',
  VALIDATION: 'SBVD1',
  UNPROCESSABLE: 'SBVD2',
  INSUFFICIENT_STOCK: 'SBIS1',
  PERIOD_CLOSED: 'SBPC1',
  ALREADY_REVERSED: 'SBAR1',
  REVERSAL_OF_REVERSAL: 'SBRR1',
  UNBALANCED_JOURNAL: 'SBZS1',
  APPEND_ONLY: 'SBAO1',
  ORPHAN: 'SBOR1',
  BAD_ARGUMENT: 'SBIN1',
} as const;

interface PgErrorFields {
  message?: string;
  detail?: string;
}

function fields(err: unknown): PgErrorFields {
  const e = err as PgErrorFields & { driverError?: PgErrorFields };
  return { message: e?.driverError?.message ?? e?.message, detail: e?.driverError?.detail ?? e?.detail };
}

function jsonDetail(detail: string | undefined): Record<string, unknown> | undefined {
  if (!detail || !detail.startsWith('{')) return undefined;
  try {
    return JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * The domain error for a database error of a ledger command, or the error itself when it is
 * not one the ledger knows (deadlocks and serialization failures must stay raw: Db.transaction
 * retries them).
 * `pathPrefix` turns a field name from the database (`qty`) into the request path (`lines[3].qty`).
 */
export function ledgerError(err: unknown, pathPrefix = ''): unknown {
  const state = sqlState(err);
  const { message = 'Ledger error', detail } = fields(err);
  switch (state) {
    case LEDGER_SQLSTATE.NOT_FOUND:
      return new AppError('NOT_FOUND', message);
    case LEDGER_SQLSTATE.VALIDATION: {
      const path = detail ? `${pathPrefix}${detail}` : undefined;
      return new AppError('VALIDATION_FAILED', message, [{ ...(path ? { path } : {}), message }]);
    }
    case LEDGER_SQLSTATE.UNPROCESSABLE: {
      const path = detail ? `${pathPrefix}${detail}` : undefined;
      return new AppError('VALIDATION_FAILED', message, [{ ...(path ? { path } : {}), message }], { httpStatus: 422 });
    }
    case LEDGER_SQLSTATE.INSUFFICIENT_STOCK: {
      const info = jsonDetail(detail);
      return new AppError('INSUFFICIENT_STOCK', message, undefined, info ? stringify(info) : undefined);
    }
    case LEDGER_SQLSTATE.PERIOD_CLOSED: {
      const info = jsonDetail(detail);
      return new AppError('PERIOD_CLOSED', message, undefined, info ? stringify(info) : undefined);
    }
    case LEDGER_SQLSTATE.ALREADY_REVERSED:
      return new AppError('ALREADY_REVERSED', message);
    case LEDGER_SQLSTATE.REVERSAL_OF_REVERSAL:
      return new AppError('INVALID_STATE', message);
    case '23505':
      if (constraintOf(err) === 'journals_reverses_uq') return new AppError('ALREADY_REVERSED', 'This journal has already been reversed');
      return err;
    case '23514':
      if (['balances_qty_nonneg_ck', 'postings_balance_after_ck'].includes(constraintOf(err) ?? '')) {
        return new AppError('INSUFFICIENT_STOCK', 'Not enough stock: a balance would become negative');
      }
      return err;
    default:
      return err;
  }
}

const QUANTITY_KEYS = new Set(['requested', 'available']);

/** Quantities in problem documents are plain decimal strings ("4", "2.5"), never floats. */
function stringify(info: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(info)) {
    const text = typeof v === 'number' ? String(v) : v;
    out[k] = QUANTITY_KEYS.has(k) && typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text) ? formatPlain(text) : text;
  }
  return out;
}
