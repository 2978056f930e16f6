import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** What a cell may hold: numbers and dates stay typed in XLSX; null/undefined is an empty cell. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** One column of an export, shared by the CSV and the XLSX writer. */
export interface ExportColumn<Row> {
  /** Header text, as the reader of the spreadsheet names the column (Chinese in the UI). */
  header: string;
  /** How the cell is taken from a row. */
  value: (row: Row) => CellValue;
  /** XLSX column width in characters (default 16). */
  width?: number;
  /** XLSX number format, e.g. '0.00' or 'yyyy-mm-dd hh:mm'. */
  numFmt?: string;
}

const defaultWidth = 16;

// OWASP CSV injection: a text cell starting with one of these may be run as a formula by Excel,
// LibreOffice or Google Sheets; a leading single quote makes it plain text.
const formulaStart = /^[=+\-@\t\r]/;

/** Escapes a text that a spreadsheet would take as a formula; other text is returned unchanged. */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** The cell as written: text neutralised, numbers, booleans and dates untouched. */
function safeCell(value: CellValue): Exclude<CellValue, undefined> {
  if (value === undefined) return null;
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

/** The rows as a CSV text with a BOM, so Excel reads it as UTF-8 instead of the local code page. */
export function toCsv<Row>(columns: readonly ExportColumn<Row>[], rows: Iterable<Row>): string {
  const records: unknown[][] = [columns.map((c) => neutraliseFormula(c.header))];
  for (const row of rows) {
    records.push(columns.map((c) => {
      const cell = safeCell(c.value(row));
      if (cell === null) return '';
      return cell instanceof Date ? cell.toISOString() : cell;
    }));
  }
  return '\ufeff' + stringify(records);
}

/** The rows as an XLSX workbook of one sheet with a bold header row. */
export async function toXlsx<Row>(columns: readonly ExportColumn<Row>[], rows: Iterable<Row>, sheetName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.columns = columns.map((c, i) => ({
    header: neutraliseFormula(c.header),
    key: String(i),
    width: c.width ?? defaultWidth,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => safeCell(c.value(row))));
  return Buffer.from(await book.xlsx.writeBuffer());
}
