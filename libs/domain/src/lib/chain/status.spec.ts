import { CALL_OFF_STATUSES, type CallOffStatus } from '@stockbridge/shared';
import {
  canTransition,
  deriveCallOffStatus,
  deriveShipmentStatus,
  formatDocumentNumber,
  type CallOffAction,
  type CallOffLineProgress,
} from './status';

/** A line from "qty/confirmed/shipped/received" with an optional "closed" marker. */
function line(spec: string, closed = false): CallOffLineProgress {
  const [qty, confirmed, shipped, received] = spec.split('/');
  return {
    qty,
    confirmedQty: confirmed === '-' ? null : confirmed,
    shippedQty: shipped,
    receivedQty: received,
    closed,
  };
}

describe('deriveCallOffStatus', () => {
  it.each<[string, CallOffStatus, CallOffLineProgress[], CallOffStatus]>([
    ['nothing confirmed', 'OPEN', [line('10/-/0/0'), line('5/-/0/0')], 'OPEN'],
    [
      'confirmed lines',
      'OPEN',
      [line('10/10/0/0'), line('5/4/0/0')],
      'CONFIRMED',
    ],
    [
      'already confirmed, nothing shipped',
      'CONFIRMED',
      [line('10/10/0/0')],
      'CONFIRMED',
    ],
    [
      'one of two lines shipped',
      'CONFIRMED',
      [line('10/10/10/0'), line('5/5/0/0')],
      'PARTIALLY_SHIPPED',
    ],
    [
      'part of a line shipped',
      'CONFIRMED',
      [line('10/10/9.999999/0')],
      'PARTIALLY_SHIPPED',
    ],
    [
      'everything shipped',
      'PARTIALLY_SHIPPED',
      [line('10/10/10/0'), line('5/4/4/0')],
      'SHIPPED',
    ],
    [
      'over-shipped within tolerance',
      'CONFIRMED',
      [line('10/10/10.5/0')],
      'SHIPPED',
    ],
    [
      'a line confirmed at zero needs no shipment',
      'CONFIRMED',
      [line('10/10/10/0'), line('5/0/0/0')],
      'SHIPPED',
    ],
    [
      'something received',
      'SHIPPED',
      [line('10/10/10/3'), line('5/5/5/0')],
      'PARTIALLY_RECEIVED',
    ],
    [
      'received while another line is unshipped',
      'PARTIALLY_SHIPPED',
      [line('10/10/10/10'), line('5/5/0/0')],
      'PARTIALLY_RECEIVED',
    ],
    [
      'everything received',
      'PARTIALLY_RECEIVED',
      [line('10/10/10/10'), line('5/4/4/4')],
      'RECEIVED',
    ],
    [
      'received short but the rest closed',
      'PARTIALLY_RECEIVED',
      [line('10/10/10/10'), line('5/5/5/3', true)],
      'RECEIVED',
    ],
    [
      'every line closed',
      'PARTIALLY_RECEIVED',
      [line('10/10/10/8', true), line('5/5/5/3', true)],
      'CLOSED',
    ],
    [
      'a receipt reversed back to nothing',
      'RECEIVED',
      [line('10/10/10/0')],
      'SHIPPED',
    ],
    ['rejected stays rejected', 'REJECTED', [line('10/-/0/0')], 'REJECTED'],
    [
      'cancelled stays cancelled',
      'CANCELLED',
      [line('10/10/0/0')],
      'CANCELLED',
    ],
    ['no lines keeps the status', 'CONFIRMED', [], 'CONFIRMED'],
  ])('%s: %s → %s', (_name, current, lines, expected) => {
    expect(deriveCallOffStatus(current, lines)).toBe(expected);
  });
});

describe('deriveShipmentStatus', () => {
  it.each<[string, Array<[string, string]>, boolean, string]>([
    [
      'nothing received',
      [
        ['10', '0'],
        ['5', '0'],
      ],
      false,
      'IN_TRANSIT',
    ],
    [
      'part received',
      [
        ['10', '4'],
        ['5', '0'],
      ],
      false,
      'PARTIALLY_RECEIVED',
    ],
    [
      'one line full, one not',
      [
        ['10', '10'],
        ['5', '4.999999'],
      ],
      false,
      'PARTIALLY_RECEIVED',
    ],
    [
      'all received',
      [
        ['10', '10'],
        ['5', '5'],
      ],
      false,
      'RECEIVED',
    ],
    ['received over within tolerance', [['10', '10.2']], false, 'RECEIVED'],
    [
      'rest closed short',
      [
        ['10', '4'],
        ['5', '0'],
      ],
      true,
      'CLOSED',
    ],
    ['closed short with nothing received', [['10', '0']], true, 'CLOSED'],
    [
      'closed short after full receipt stays received',
      [['10', '10']],
      true,
      'RECEIVED',
    ],
  ])('%s → %s', (_name, lines, shortClosed, expected) => {
    expect(
      deriveShipmentStatus(
        lines.map(([qty, receivedQty]) => ({ qty, receivedQty })),
        shortClosed,
      ),
    ).toBe(expected);
  });
});

describe('canTransition', () => {
  const allowed: Record<CallOffAction, CallOffStatus[]> = {
    confirm: ['OPEN', 'CONFIRMED'],
    reject: ['OPEN'],
    cancel: ['OPEN', 'CONFIRMED'],
    ship: ['CONFIRMED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'PARTIALLY_RECEIVED'],
    receive: ['PARTIALLY_SHIPPED', 'SHIPPED', 'PARTIALLY_RECEIVED', 'RECEIVED'],
  };
  const cases = (Object.keys(allowed) as CallOffAction[]).flatMap((action) =>
    CALL_OFF_STATUSES.map(
      (from) => [from, action, allowed[action].includes(from)] as const,
    ),
  );

  it.each(cases)('%s --%s--> allowed: %p', (from, action, expected) => {
    expect(canTransition(from, action)).toBe(expected);
  });
});

describe('formatDocumentNumber', () => {
  it.each<['CO' | 'ASN' | 'ST' | 'RC', number, number, string]>([
    ['CO', 2026, 123, 'CO-2026-000123'],
    ['ASN', 2026, 1, 'ASN-2026-000001'],
    ['ST', 2027, 999999, 'ST-2027-999999'],
    ['RC', 2026, 1234567, 'RC-2026-1234567'],
  ])('%s %p #%p → %s', (prefix, year, seq, expected) => {
    expect(formatDocumentNumber(prefix, year, seq)).toBe(expected);
  });

  it.each([
    [2026, 0],
    [2026, 1.5],
    [26, 1],
  ])('refuses year %p with sequence %p', (year, seq) => {
    expect(() => formatDocumentNumber('CO', year, seq)).toThrow(RangeError);
  });
});
