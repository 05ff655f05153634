import { createHash } from 'node:crypto';
import { canonicalJson } from '@stockbridge/domain';
import { canonicalLine, CONTENT_HASH_PREFIX, StatementContentHasher, type StatementContentHeader, type StatementContentLine } from './content-hash';

const line = (lineNo: number, over: Partial<StatementContentLine> = {}): StatementContentLine => ({
  id: `00000000-0000-4000-8000-${String(lineNo).padStart(12, '0')}`,
  lineNo,
  journalId: '11111111-1111-4111-8111-111111111111',
  journalType: 'CONSUMPTION',
  effectiveAt: '2026-01-15',
  itemCode: 'BOLT',
  supplierSku: 'S1-BOLT',
  locationCode: 'VMI-1',
  qty: '3.500000',
  unitPrice: '0.125000',
  amount: '0.44',
  currency: 'EUR',
  reference: '=HYPERLINK("x")',
  ...over,
});

const header = (lineCount: number): StatementContentHeader => ({
  buyerOrgId: 'b',
  supplierOrgId: 's',
  number: 'ST-2026-000001',
  periodFrom: '2026-01-01',
  periodTo: '2026-01-31',
  currency: 'EUR',
  lineCount,
  totalAmount: '0.88',
  totals: [{ currency: 'EUR', amount: '0.88', lineCount }],
  openingQty: [{ itemCode: 'BOLT', qty: '10.000000' }],
  closingQty: [{ itemCode: 'BOLT', qty: '3.000000' }],
});

describe('statement content hash', () => {
  it.each([
    ['a consumption', line(1)],
    ['a reversal without SKU or reference', line(2, { journalType: 'REVERSAL', qty: '-3.500000', amount: '-0.44', supplierSku: null, reference: null })],
    ['text that needs escaping', line(3, { reference: 'line\nbreak "quoted" 螺栓 \t' })],
  ])('writes %s exactly as canonicalJson does', (_name, l) => {
    expect(canonicalLine(l)).toBe(canonicalJson(l));
  });

  it('is the SHA-256 of prefix, canonical header and one canonical line per row', () => {
    const lines = [line(1), line(2)];
    const hasher = new StatementContentHasher(header(2));
    hasher.add(lines.slice(0, 1));
    hasher.add(lines.slice(1));
    const expected = createHash('sha256')
      .update(CONTENT_HASH_PREFIX + canonicalJson(header(2)) + '\n' + lines.map((l) => canonicalJson(l) + '\n').join(''))
      .digest('hex');
    expect(hasher.digest()).toBe(expected);
  });

  it('does not depend on how the lines are batched, and changes with any content', () => {
    const lines = [line(1), line(2), line(3)];
    const once = new StatementContentHasher(header(3));
    once.add(lines);
    const split = new StatementContentHasher(header(3));
    for (const l of lines) split.add([l]);
    const a = once.digest();
    expect(split.digest()).toBe(a);
    const other = new StatementContentHasher(header(3));
    other.add([line(1), line(2, { amount: '0.45' }), line(3)]);
    expect(other.digest()).not.toBe(a);
  });

  it('refuses lines out of order or a count other than announced', () => {
    expect(() => new StatementContentHasher(header(2)).add([line(2)])).toThrow(/out of order/);
    const short = new StatementContentHasher(header(2));
    short.add([line(1)]);
    expect(() => short.digest()).toThrow(/hashed 1 lines/);
  });
});
