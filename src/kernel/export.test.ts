import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv, toXlsx, type ExportColumn } from './export.js';

interface Row {
  text: string;
  amount: number | null;
}

const columns: ExportColumn<Row>[] = [
  { header: '内容', value: (r) => r.text, width: 40 },
  { header: '金额', value: (r) => r.amount, numFmt: '0.00' },
];

const injections = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(1)', '\tx', '\rx'];
const rows: Row[] = [...injections.map((text) => ({ text, amount: null })), { text: '楼道灯坏了，请尽快维修', amount: -5 }];

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return book.worksheets[0]!;
}

describe('neutraliseFormula', () => {
  it('prefixes a quote to text a spreadsheet would run, and leaves other text alone', () => {
    for (const text of injections) expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(neutraliseFormula('3号楼 - 暖气')).toBe('3号楼 - 暖气');
    expect(neutraliseFormula('')).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a BOM, the headers and escaped text cells; numbers stay numbers', () => {
    expect(toCsv(columns, rows)).toBe([
      '\ufeff内容,金额',
      `"'=HYPERLINK(""http://x"")",`,
      "'+1+1,",
      "'-2+3,",
      "'@SUM(1),",
      "'\tx,",
      `"'\rx",`,
      // -5 is a bare number, not escaped text.
      '楼道灯坏了，请尽快维修,-5',
      '',
    ].join('\n'));
  });

  it('writes dates as ISO text and an empty list as headers only', () => {
    const when = new Date('2026-01-13T01:05:00Z');
    expect(toCsv([{ header: 'at', value: (d: Date) => d }], [when])).toBe('\ufeffat\n2026-01-13T01:05:00.000Z\n');
    expect(toCsv(columns, [])).toBe('\ufeff内容,金额\n');
  });
});

describe('toXlsx', () => {
  it('writes escaped text cells, numeric cells with their format, widths and a bold header', async () => {
    const sheet = await readXlsx(await toXlsx(columns, rows, '诉求'));
    expect(sheet.name).toBe('诉求');
    expect(sheet.getRow(1).values).toEqual([undefined, '内容', '金额']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    // XML parsing normalises a carriage return to a line feed; the cell is escaped either way.
    expect(injections.map((_, i) => sheet.getCell(i + 2, 1).value)).toEqual(injections.map((t) => `'${t.replace('\r', '\n')}`));
    expect(injections.every((_, i) => sheet.getCell(i + 2, 1).type === ExcelJS.ValueType.String)).toBe(true);
    const last = sheet.getRow(8);
    expect(last.getCell(1).value).toBe('楼道灯坏了，请尽快维修');
    expect(last.getCell(2).value).toBe(-5);
    expect(last.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(last.getCell(2).numFmt).toBe('0.00');
    expect(sheet.getColumn(1).width).toBe(40);
    expect(sheet.getColumn(2).width).toBe(16);
    expect(sheet.getCell(2, 2).value).toBeNull();
  });
});
