/**
 * Serialises a JSON value with object keys sorted (by UTF-16 code units) at every depth and
 * no whitespace, so that equal content always gives the same text — whatever order a client
 * sent the keys in. Statements are hashed this way, and idempotency keys compare request
 * bodies through it. Otherwise it follows JSON.stringify: `toJSON` is honoured (Date,
 * Decimal), undefined and function properties are left out (null in arrays), array order is
 * kept. Non-finite numbers, bigints and cycles throw TypeError: they have no faithful JSON
 * form, and a hash of a lossy form would equate different requests.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value, new Set<object>());
  if (out === undefined) {
    throw new TypeError('the value has no JSON form');
  }
  return out;
}

function write(value: unknown, ancestors: Set<object>): string | undefined {
  const plain = hasToJson(value) ? value.toJSON() : value;
  switch (typeof plain) {
    case 'string':
    case 'boolean':
      return JSON.stringify(plain);
    case 'number':
      if (!Number.isFinite(plain)) {
        throw new TypeError(`${plain} has no JSON form`);
      }
      return JSON.stringify(plain);
    case 'bigint':
      throw new TypeError(
        'a bigint has no JSON form; send it as a decimal string',
      );
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (plain === null) {
    return 'null';
  }
  const node = plain as object;
  if (ancestors.has(node)) {
    throw new TypeError('a cyclic value has no JSON form');
  }
  ancestors.add(node);
  try {
    if (Array.isArray(node)) {
      return `[${node.map((item: unknown) => write(item, ancestors) ?? 'null').join(',')}]`;
    }
    const record = node as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = write(record[key], ancestors);
      if (member !== undefined) {
        members.push(`${JSON.stringify(key)}:${member}`);
      }
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(node);
  }
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}
