import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPdf } from './pdf.js';
import { locateCjkFonts } from './pdf.fonts.js';
import { qrPng } from './qr.js';

// The API tier, not the unit tier: embedding a Chinese font and rasterising take a few seconds.
const artifacts = join(process.cwd(), 'artifacts');
const has = (tool: string) => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const poppler = has('pdftoppm') && has('pdftotext');
if (!poppler) console.warn('pdf.api.test: pdftoppm/pdftotext not found (apt-get install -y poppler-utils): the PDF is checked, not rendered');

const households = Array.from({ length: 60 }, (_, i) => [`${Math.floor(i / 12) + 1}号楼${(i % 12) + 1}0${(i % 4) + 1}室`, i % 3 === 0 ? '张喆' : '王秀英', (288.5 + i).toFixed(2), i % 5 === 0 ? '未缴' : '已缴']);

async function receipt(fonts = locateCjkFonts()): Promise<Buffer> {
  return createPdf({ title: '物业费收据', header: '幸福里社区 · 共治', footer: '幸福里社区物业服务中心', createdAt: new Date('2026-01-13T01:00:00Z'), fonts })
    .title('幸福里社区 2026年1月 物业费收据')
    .paragraph('本收据由共治平台生成。居民可扫描下方二维码核验真伪；如有疑问，请联系社区居委会或物业服务中心。')
    .keyValues([['缴费人', '王秀英'], ['房屋', '3号楼2单元501室'], ['金额（元）', '1,234.50'], ['缴费时间', '2026-01-13 09:05'], ['备注', null]])
    .heading('本楼缴费明细')
    .table([{ header: '房屋', width: 2 }, { header: '户主' }, { header: '金额（元）', align: 'right' }, { header: '状态', align: 'center' }], households)
    .image(await qrPng('https://gongzhi.example/verify/receipt/1', 300), { width: 120, align: 'center', caption: '扫码核验' })
    .toBuffer();
}

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

describe('createPdf', () => {
  it('makes an A4 PDF with the Chinese font embedded, a table running onto more pages, and page numbers', async () => {
    const pdf = await receipt();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Bold/);
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    // The same input at the same time makes the same bytes (font subsets are named by content).
    expect((await receipt()).equals(pdf)).toBe(true);
  });

  it.skipIf(!poppler)('renders Chinese text that a reader can also copy; the first page goes to artifacts/ to look at', async () => {
    const pdf = await receipt();
    const dir = mkdtempSync(join(tmpdir(), 'gz-pdf-'));
    const file = join(dir, 'receipt.pdf');
    writeFileSync(file, pdf);
    const pages = pageCount(pdf);
    const first = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    expect(first).toContain('幸福里社区 2026年1月 物业费收据');
    expect(first).toContain('王秀英');
    expect(first).toContain('3号楼2单元501室');
    // pdftotext drops the spaces beside Chinese characters.
    expect(first).toMatch(new RegExp(`第\\s*1\\s*页\\s*/\\s*共\\s*${pages}\\s*页`));
    const last = execFileSync('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), file, '-'], { encoding: 'utf8' });
    // The table's header row repeats on the page it runs onto.
    expect(last).toMatch(/房屋\s+户主\s+金额（元）\s+状态/);
    expect(last).toContain('扫码核验');
    mkdirSync(artifacts, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, join(artifacts, 'kernel-pdf-receipt')]);
    const png = readFileSync(join(artifacts, 'kernel-pdf-receipt.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it.skipIf(!existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'))("also works with Debian's Noto CJK collection", async () => {
    const pdf = await receipt(locateCjkFonts({ packageFontsDir: () => null }));
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
  });

  it('refuses an image pdfkit cannot embed, with a clear message', () => {
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
    expect(() => createPdf({ title: 't' }).image(webp)).toThrow('PNG or JPEG expected, got image/webp');
  });
});
