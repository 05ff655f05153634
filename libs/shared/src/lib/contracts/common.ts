import { ErrorCode } from '../constants';

/** A decimal number carried as a string, e.g. "12.500000". Never a JS number. */
export type DecimalString = string;
/** `YYYY-MM-DD`, UTC. */
export type BusinessDate = string;
/** ISO-8601 UTC timestamp. */
export type Timestamp = string;

/** Cursor-paged list: pass `nextCursor` as `?cursor=` to get the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ProblemFieldError {
  path?: string;
  row?: number;
  column?: string;
  value?: unknown;
  code?: string;
  message: string;
}

/** RFC 9457 problem details, as every error response carries it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: ProblemFieldError[];
  correlationId?: string;
}
