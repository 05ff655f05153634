import { CsvRecord, detectDelimiter, readCsvRecords } from './csv-parser';
import { UploadRejectedError } from './upload-errors';

const LIMITS = { maxRows: 1000, maxColumns: 10, maxCellChars: 50 };

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function records(text: string, size = text.length || 1, limits = LIMITS): Promise<[number, string[]][]> {
  const out: [number, string[]][] = [];
  for await (const record of readCsvRecords(chunked(text, size), limits)) out.push([record.rowNumber, record.values]);
  return out;
}

async function failure(text: string, limits = LIMITS): Promise<UploadRejectedError> {
  try {
    await records(text, 7, limits);
  } catch (error) {
    if (error instanceof UploadRejectedError) return error;
    throw error;
  }
  throw new Error('no failure');
}

describe('readCsvRecords', () => {
  const cases: [string, string, [number, string[]][]][] = [
    ['LF', 'a,b\n1,2\n', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['CRLF', 'a,b\r\n1,2\r\n', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['CR only', 'a,b\r1,2\r', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['no final newline', 'a,b\n1,2', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['quoted delimiter', 'a,b\n"1,5",2\n', [[1, ['a', 'b']], [2, ['1,5', '2']]]],
    ['escaped quotes', 'a\n"say ""hi"""\n', [[1, ['a']], [2, ['say "hi"']]]],
    ['newlines inside quotes', 'a,b\n"x\r\ny\nz",2\n', [[1, ['a', 'b']], [2, ['x\r\ny\nz', '2']]]],
    ['empty fields', 'a,b,c\n,,\n', [[1, ['a', 'b', 'c']], [2, ['', '', '']]]],
    ['empty quoted field', 'a,b\n"",2\n', [[1, ['a', 'b']], [2, ['', '2']]]],
    ['blank line keeps its row number', 'a\n\n3\n', [[1, ['a']], [2, ['']], [3, ['3']]]],
    ['stray quote inside a field is kept', 'a\n5" pipe\n', [[1, ['a']], [2, ['5" pipe']]]],
    ['text after a closing quote is kept', 'a\n"ab"cd\n', [[1, ['a']], [2, ['abcd']]]],
    ['BOM stripped', '\ufeffa,b\n1,2\n', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['semicolon detected', 'a;b\n1,5;2\n', [[1, ['a', 'b']], [2, ['1,5', '2']]]],
    ['tab detected', 'a\tb\n1,5\t2\n', [[1, ['a', 'b']], [2, ['1,5', '2']]]],
    ['trailing empty columns beyond the limit are dropped', `a${','.repeat(20)}\n`, [[1, ['a', ...Array(9).fill('')]]]],
  ];

  it.each(cases)('%s', async (_, text, expected) => {
    expect(await records(text)).toEqual(expected);
  });

  it.each(cases)('%s, fed one character at a time', async (_, text, expected) => {
    expect(await records(text, 1)).toEqual(expected);
  });

  it('keeps at most maxCellChars + 1 characters of a long field', async () => {
    const [, [, values]] = await records(`a\n${'x'.repeat(500)}\n`, 16);
    expect(values[0]).toHaveLength(51);
  });

  it('stops at the first record beyond maxRows', async () => {
    const error = await failure('a\n1\n2\n3\n"never closed', { ...LIMITS, maxRows: 4 });
    expect([error.code, error.reason]).toEqual(['PAYLOAD_TOO_LARGE', 'TOO_MANY_ROWS']);
  });

  it('refuses a value beyond maxColumns', async () => {
    const error = await failure('a,b,c\n1,2,3\n', { ...LIMITS, maxColumns: 2 });
    expect([error.code, error.reason]).toEqual(['PAYLOAD_TOO_LARGE', 'TOO_MANY_COLUMNS']);
  });

  it('refuses a quote left open at the end of the file, naming its row', async () => {
    const error = await failure('a,b\n1,2\n3,"open\n4,5\n');
    expect([error.code, error.reason]).toEqual(['VALIDATION_FAILED', 'UNTERMINATED_QUOTE']);
    expect(error.detail).toContain('Row 3');
  });

  it('reports the delimiter it chose', async () => {
    let chosen = '';
    const out: CsvRecord[] = [];
    for await (const record of readCsvRecords(chunked('a;b\n1;2\n', 3), LIMITS, (d) => (chosen = d))) out.push(record);
    expect(chosen).toBe(';');
    expect(out).toHaveLength(2);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['"x;y;z",b', ','],
    ['a;b,c;d', ';'],
    ['single', ','],
    ['a,b\nc;d;e;f', ','],
  ])('%j → %j', (line, expected) => {
    expect(detectDelimiter(line)).toBe(expected);
  });
});
