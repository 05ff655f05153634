import { demandHorizon, netDemand, type NettingPosition } from './demand-netting';

const at = (over: Partial<NettingPosition>): NettingPosition => ({
  min: '100',
  max: '200',
  onHand: '65',
  inTransit: '0',
  openCallOffQty: '0',
  demandQty: '0',
  demandDueBy: null,
  leadTimeDays: 7,
  ...over,
});

describe('netDemand', () => {
  it.each<[string, Partial<NettingPosition>, { qty: string; driven: boolean; reason: string } | null]>([
    ['no demand: API.md rule exactly', {}, { qty: '135', driven: false, reason: 'on hand 65 + in transit 0 + open call-offs 0 < min 100; order 135 to reach max 200' }],
    ['no demand, above min: nothing', { onHand: '100.01' }, null],
    ['no demand, at min', { onHand: '100' }, { qty: '100', driven: false, reason: 'on hand 100 + in transit 0 + open call-offs 0 ≥ min 100; order 100 to reach max 200' }],
    ['no demand, covered up to max by call-offs: nothing', { openCallOffQty: '135' }, null],
    [
      'below min with demand: max − position + demand',
      { demandQty: '40', demandDueBy: '2026-12-03' },
      { qty: '175', driven: false, reason: 'on hand 65 + in transit 0 + open call-offs 0 < min 100; order 175 to reach max 200 + demand 40 due by 2026-12-03' },
    ],
    [
      'below min, in transit and call-offs netted, demand added',
      { inTransit: '10', openCallOffQty: '20.5', demandQty: '12.25', demandDueBy: '2026-12-01' },
      { qty: '116.75', driven: false, reason: 'on hand 65 + in transit 10 + open call-offs 20.5 < min 100; order 116.75 to reach max 200 + demand 12.25 due by 2026-12-01' },
    ],
    [
      'below min, call-offs cover max, demand still ordered',
      { openCallOffQty: '135', demandQty: '40', demandDueBy: '2026-12-03' },
      { qty: '40', driven: false, reason: 'on hand 65 + in transit 0 + open call-offs 135 ≥ min 100; order 40 to reach max 200 + demand 40 due by 2026-12-03' },
    ],
    [
      'above min, demand drives it to min or below',
      { onHand: '150', demandQty: '80', demandDueBy: '2026-12-03' },
      {
        qty: '130',
        driven: true,
        reason: 'on hand 150 + in transit 0 + open call-offs 0 − demand 80 due by 2026-12-03 = 70 ≤ min 100 within the lead time of 7 days; order 130 to reach max 200 + demand 80 due by 2026-12-03',
      },
    ],
    ['above min, demand lands exactly on min', { onHand: '150', demandQty: '50', demandDueBy: '2026-12-03' }, { qty: '100', driven: true, reason: expect.any(String) as unknown as string }],
    ['above min, demand leaves it above min: nothing', { onHand: '150', demandQty: '49.999', demandDueBy: '2026-12-03' }, null],
    ['above min, open call-offs keep it above min: nothing', { onHand: '150', openCallOffQty: '40', demandQty: '80', demandDueBy: '2026-12-03' }, null],
    ['above min, in transit counts', { onHand: '90', inTransit: '60', demandQty: '80', demandDueBy: '2026-12-03' }, { qty: '130', driven: true, reason: expect.any(String) as unknown as string }],
  ])('%s', (_name, over, expected) => {
    const result = netDemand(at(over));
    if (expected === null) {
      expect(result).toBeNull();
      return;
    }
    expect(result).not.toBeNull();
    expect({ qty: result?.suggestedQty.toString(), driven: result?.demandDriven, reason: result?.reason }).toEqual(expected);
  });
});

describe('demandHorizon', () => {
  it.each([
    ['2026-11-26', 7, '2026-12-03'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-05-01', 0, '2026-05-01'],
  ])('%s + %d days = %s', (today, days, horizon) => {
    expect(demandHorizon(today, days)).toBe(horizon);
  });
});
