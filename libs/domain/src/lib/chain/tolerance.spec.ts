import { Decimal } from '../decimal';
import { isOverReceipt, isOverShipment, maxShippable } from './tolerance';

describe('maxShippable', () => {
  it.each([
    ['100', '0', '0', '100'],
    ['100', '0', '5', '105'],
    ['100', '60', '5', '45'],
    ['100', '105', '5', '0'],
    ['100', '110', '5', '0'],
    ['10', '0', '2.5', '10.25'],
    ['0.000003', '0', '50', '0.0000045'],
  ])(
    'confirmed %s, shipped %s, tolerance %s%% → %s',
    (confirmed, shipped, tol, expected) => {
      expect(
        maxShippable(
          new Decimal(confirmed),
          new Decimal(shipped),
          new Decimal(tol),
        ).toString(),
      ).toBe(expected);
    },
  );

  it('refuses a negative tolerance', () => {
    expect(() => maxShippable('1', '0', '-1')).toThrow(RangeError);
  });
});

describe('isOverShipment (cumulative against confirmed × (1 + tol))', () => {
  it.each([
    ['100', '0', '100', '0', false],
    ['100', '0', '100.000001', '0', true],
    ['100', '0', '105', '5', false],
    ['100', '0', '105.000001', '5', true],
    ['100', '60', '45', '5', false],
    ['100', '60', '46', '5', true],
    ['100', '104', '1', '5', false],
    ['0', '0', '0.000001', '10', true],
  ])(
    'confirmed %s, shipped %s, new %s, tol %s%% → %p',
    (confirmed, shipped, newQty, tol, expected) => {
      expect(
        isOverShipment(
          new Decimal(confirmed),
          new Decimal(shipped),
          new Decimal(newQty),
          new Decimal(tol),
        ),
      ).toBe(expected);
    },
  );
});

describe('isOverReceipt (cumulative against shipped × (1 + tol))', () => {
  it.each([
    ['10', '0', '10', '0', false],
    ['10', '0', '10.5', '5', false],
    ['10', '0', '10.500001', '5', true],
    ['10', '8', '2', '0', false],
    ['10', '8', '2.000001', '0', true],
    ['10', '10', '0.5', '5', false],
  ])(
    'shipped %s, received %s, new %s, tol %s%% → %p',
    (shipped, received, newQty, tol, expected) => {
      expect(
        isOverReceipt(
          new Decimal(shipped),
          new Decimal(received),
          new Decimal(newQty),
          new Decimal(tol),
        ),
      ).toBe(expected);
    },
  );
});
