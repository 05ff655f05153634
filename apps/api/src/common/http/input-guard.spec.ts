import { inputProblem, MAX_JSON_DEPTH } from './input-guard';

describe('inputProblem', () => {
  const nested = (depth: number): unknown => {
    let v: unknown = 'leaf';
    for (let i = 0; i < depth; i++) v = i % 2 ? { x: v } : [v];
    return v;
  };

  it.each([
    ['a plain body', { locationCode: 'VMI-1', qty: '1', lines: [{ a: 1, b: [null, true] }] }, null],
    ['undefined (no body)', undefined, null],
    ['nesting at the limit', nested(MAX_JSON_DEPTH), null],
    ['nesting one level deeper', nested(MAX_JSON_DEPTH + 1), `The request is nested deeper than ${MAX_JSON_DEPTH} levels`],
    ['50,000 levels (no stack overflow in the check)', nested(50_000), `The request is nested deeper than ${MAX_JSON_DEPTH} levels`],
    ['NUL in a value', { reference: 'a\u0000b' }, 'Text must not contain NUL characters'],
    ['NUL in a nested array', { lines: [{ itemCode: ['x', 'y\u0000'] }] }, 'Text must not contain NUL characters'],
    ['NUL in a key', { ['k\u0000']: 1 }, 'Text must not contain NUL characters'],
    ['other control characters are left to the DTOs', { reference: 'a\tb\u202e' }, null],
  ])('%s', (_name, value, expected) => {
    expect(inputProblem(value)).toBe(expected);
  });
});
