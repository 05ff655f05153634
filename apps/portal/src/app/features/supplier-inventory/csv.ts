/*
 * CSV for spreadsheets: UTF-8 with a BOM (Excel detects the encoding), CRLF, every field
 * quoted when needed, and text that a spreadsheet would run as a formula neutralised with a
 * leading apostrophe (the same rule as the API's exports). Decimal quantities are left as
 * they are.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text) && !DECIMAL.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',');
}

export function csvBlob(lines: readonly string[]): Blob {
  return new Blob(['\ufeff', lines.join('\r\n'), '\r\n'], {
    type: 'text/csv;charset=utf-8',
  });
}
