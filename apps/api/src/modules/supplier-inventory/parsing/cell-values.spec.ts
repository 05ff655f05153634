import { cellToText, excelNumberToDecimalString, excelSerialToDate, isDateNumberFormat, toIsoDate } from './cell-values';

const iso = (date: Date | null) => (date ? toIsoDate(date) : null);

describe('excelSerialToDate', () => {
  it.each<[number, boolean, string | null]>([
    // 1900 system (Windows Excel default)
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, null], // Lotus's 1900-02-29 never existed
    [61, false, '1900-03-01'],
    [25569, false, '1970-01-01'],
    [45658, false, '2025-01-01'],
    [46387, false, '2026-12-31'],
    [2958465, false, '9999-12-31'],
    [45658.75, false, '2025-01-01'], // a time of day does not move the date
    [0, false, null],
    [-1, false, null],
    // 1904 system (old Mac Excel): the same day is 1462 lower
    [0, true, '1904-01-01'],
    [1, true, '1904-01-02'],
    [44196, true, '2025-01-01'],
    [46387 - 1462, true, '2026-12-31'],
    [-1, true, null],
  ])('serial %d (1904: %s) → %s', (serial, date1904, expected) => {
    expect(iso(excelSerialToDate(serial, date1904))).toBe(expected);
  });

  it('maps the same day in both systems 1462 serials apart', () => {
    for (const serial of [1462, 30000, 45658, 50000]) {
      expect(iso(excelSerialToDate(serial, false))).toBe(iso(excelSerialToDate(serial - 1462, true)));
    }
  });
});

describe('excelNumberToDecimalString', () => {
  it.each<[number, string]>([
    [0, '0'],
    [-0, '0'],
    [12, '12'],
    [12.5, '12.5'],
    [0.1 + 0.2, '0.3'],
    [1.1000000000000001, '1.1'],
    [123456.123456, '123456.123456'],
    [-5, '-5'],
    [1e21, '1000000000000000000000'],
    [0.000001, '0.000001'],
    [1.23e-7, '0.000000123'],
    [2.675, '2.675'],
  ])('%d → %s', (value, expected) => {
    expect(excelNumberToDecimalString(value)).toBe(expected);
  });

  it('has no decimal for NaN or infinities', () => {
    expect(excelNumberToDecimalString(Number.NaN)).toBeNull();
    expect(excelNumberToDecimalString(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('isDateNumberFormat', () => {
  it.each<[string | undefined, boolean]>([
    ['yyyy-mm-dd', true],
    ['mm-dd-yy', true],
    ['d-mmm-yy', true],
    ['[$-804]yyyy"年"m"月"d"日"', true],
    ['h:mm AM/PM', true],
    ['0.######', false],
    ['#,##0.00', false],
    ['[Red]0.00', false],
    ['"days"0', false],
    ['General', false],
    ['@', false],
    [undefined, false],
  ])('%j → %s', (format, expected) => {
    expect(isDateNumberFormat(format)).toBe(expected);
  });
});

describe('cellToText', () => {
  it.each<[unknown, string]>([
    [null, ''],
    ['SH01', 'SH01'],
    [1001, '1001'],
    [20240101, '20240101'],
    [true, 'TRUE'],
    [new Date(Date.UTC(2025, 0, 31)), '2025-01-31'],
    [{ error: '#N/A' }, '#N/A'],
  ])('%j → %j', (value, expected) => {
    expect(cellToText(value)).toBe(expected);
  });
});
