import fc from 'fast-check';
import { Decimal } from '../decimal';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    ['sorts keys', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      'sorts nested keys and keeps array order',
      { z: [{ y: 1, x: 2 }, 3], a: { d: null, c: true } },
      '{"a":{"c":true,"d":null},"z":[{"x":2,"y":1},3]}',
    ],
    ['drops undefined properties', { a: undefined, b: 1 }, '{"b":1}'],
    ['writes undefined in arrays as null', [undefined, 1], '[null,1]'],
    ['uses toJSON (Decimal)', { qty: new Decimal('12.50') }, '{"qty":"12.5"}'],
    [
      'uses toJSON (Date)',
      { at: new Date('2026-01-01T00:00:00Z') },
      '{"at":"2026-01-01T00:00:00.000Z"}',
    ],
    ['escapes strings', { 'k"': 'line\nbreak' }, '{"k\\"":"line\\nbreak"}'],
    [
      'sorts by code unit',
      { b: 1, B: 2, 物: 3, a: 4 },
      '{"B":2,"a":4,"b":1,"物":3}',
    ],
    ['writes scalars', 'x', '"x"'],
    ['writes null', null, 'null'],
    [
      'keeps __proto__ as data',
      JSON.parse('{"__proto__":{"x":1},"a":1}'),
      '{"__proto__":{"x":1},"a":1}',
    ],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each<[string, () => unknown]>([
    ['NaN', () => ({ a: Number.NaN })],
    ['Infinity', () => [Number.POSITIVE_INFINITY]],
    ['a bigint', () => ({ a: 1n })],
    ['undefined alone', () => undefined],
    [
      'a cycle',
      () => {
        const node: Record<string, unknown> = {};
        node['self'] = node;
        return node;
      },
    ],
  ])('refuses %s', (_name, make) => {
    expect(() => canonicalJson(make())).toThrow(TypeError);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe(
      '{"a":{"x":1},"b":{"x":1}}',
    );
  });

  it('property: parses back to an equal value, and key order never changes the text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reordered = JSON.parse(
          JSON.stringify(value),
          (_key, v: unknown) =>
            v !== null && typeof v === 'object' && !Array.isArray(v)
              ? Object.fromEntries(Object.entries(v).reverse())
              : v,
        );
        expect(canonicalJson(reordered)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
