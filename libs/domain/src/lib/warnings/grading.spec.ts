import { Decimal } from '../decimal';
import {
  gradeLowWater,
  gradeOverstock,
  gradeSupplierLowWater,
  replenishmentReason,
  suggestedQty,
} from './grading';

describe('gradeLowWater (defaults yellow 10 / orange 20 / red 30)', () => {
  it.each([
    // min, available, severity, deviationPct
    ['100', '90.01', null, '9.99'],
    ['100', '90', 'YELLOW', '10.00'],
    ['100', '80.01', 'YELLOW', '19.99'],
    ['100', '80', 'ORANGE', '20.00'],
    ['100', '70.01', 'ORANGE', '29.99'],
    ['100', '70', 'RED', '30.00'],
    ['100', '0', 'RED', '100.00'],
    ['0.000001', '0', 'RED', '100.00'],
    ['100', '100', null, '0.00'],
    ['100', '95', null, '5.00'],
    ['100', '150', null, '-50.00'],
    ['0', '0', null, '0.00'],
    ['0', '5', null, '0.00'],
    // Exact d, not the rounded one shown: 9.996 % shows as 10.00 but is below yellow.
    ['100', '90.004', null, '10.00'],
    ['3', '2.7', 'YELLOW', '10.00'],
    ['3', '2', 'RED', '33.33'],
  ])(
    'min %s, available %s → %p (%s %%)',
    (min, available, severity, deviationPct) => {
      expect(
        gradeLowWater({
          min: new Decimal(min),
          available: new Decimal(available),
        }),
      ).toEqual({ severity, deviationPct });
    },
  );

  it.each([
    ['95.01', null],
    ['95', 'YELLOW'],
    ['85', 'ORANGE'],
    ['50', 'RED'],
    ['0', 'RED'],
  ])(
    'custom thresholds 5/15/50: available %s of 100 → %p',
    (available, severity) => {
      const grade = gradeLowWater({
        min: '100',
        available,
        yellowPct: '5',
        orangePct: '15',
        redPct: '50',
      });
      expect(grade.severity).toBe(severity);
    },
  );
});

describe('gradeOverstock', () => {
  it.each([
    ['200', '200', null, '0.00'],
    ['200', '200.000001', 'YELLOW', '0.00'],
    ['200', '250', 'YELLOW', '25.00'],
    ['200', '100', null, '-50.00'],
    ['0', '10', null, '0.00'],
  ])(
    'max %s, available %s → %p (%s %%)',
    (max, available, severity, deviationPct) => {
      expect(gradeOverstock({ max, available })).toEqual({
        severity,
        deviationPct,
      });
    },
  );
});

describe('gradeSupplierLowWater', () => {
  it.each([
    ['50', '0', 'RED', '100.00'],
    ['50', '49.5', 'YELLOW', '1.00'],
    ['50', '50', null, '0.00'],
    ['50', '80', null, '-60.00'],
    ['0', '0', null, '0.00'],
  ])(
    'threshold %s, available %s → %p (%s %%)',
    (threshold, available, severity, deviationPct) => {
      expect(gradeSupplierLowWater({ threshold, available })).toEqual({
        severity,
        deviationPct,
      });
    },
  );
});

describe('suggestedQty and replenishmentReason', () => {
  it.each([
    ['200', '65', '0', '0', '135'],
    ['200', '65', '20', '30', '85'],
    ['200', '150', '60', '0', '0'],
    ['10.5', '0.25', '0', '0', '10.25'],
  ])(
    'max %s − (on hand %s + in transit %s + open %s) = %s',
    (max, onHand, inTransit, openCallOffQty, expected) => {
      expect(
        suggestedQty({ max, onHand, inTransit, openCallOffQty }).toString(),
      ).toBe(expected);
    },
  );

  it.each([
    [
      {
        min: '100',
        max: '200',
        onHand: '65',
        inTransit: '0',
        openCallOffQty: '0',
      },
      'on hand 65 + in transit 0 + open call-offs 0 < min 100; order 135 to reach max 200',
    ],
    [
      {
        min: '100',
        max: '200',
        onHand: '65.500000',
        inTransit: '10',
        openCallOffQty: '40',
      },
      'on hand 65.5 + in transit 10 + open call-offs 40 ≥ min 100; order 84.5 to reach max 200',
    ],
  ])('explains %p', (position, expected) => {
    expect(replenishmentReason(position)).toBe(expected);
  });
});
