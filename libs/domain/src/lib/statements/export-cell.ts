// Spreadsheet applications read a cell that starts with one of these as a formula (or, for
// tab/CR/LF, can be made to after a field split). A supplier-controlled text such as a
// reference "=HYPERLINK(...)" or "@SUM(...)" would then run in finance's Excel when the
// statement is opened ("CSV/formula injection", OWASP). A leading apostrophe makes Excel,
// LibreOffice and Google Sheets show the text as typed and never evaluate it.
const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n'];

/**
 * Neutralises a text cell for .xlsx/.csv export: text starting with `=`, `+`, `-`, `@`, tab,
 * CR or LF gets a leading apostrophe; other text is returned unchanged. Numbers must be
 * written as numeric cells, not through this function, or "-5" would become "'-5".
 */
export function neutraliseCell(text: string): string {
  return FORMULA_TRIGGERS.some((trigger) => text.startsWith(trigger))
    ? `'${text}`
    : text;
}
