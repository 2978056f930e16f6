import PDFDocument from 'pdfkit';
import { fontBytes, locateCjkFonts, type CjkFonts } from './pdf.fonts.js';
import { sniffMimeType } from './uploads.js';

/** What a document is, and what every page carries. */
export interface PdfOptions {
  /** Document title (metadata, and shown by viewers in the window title). */
  title: string;
  /** Small text at the top of every page, e.g. '幸福里社区 · 物业费收据'. */
  header?: string;
  /** Small text at the bottom left of every page; the page number is at the bottom right. */
  footer?: string;
  author?: string;
  /** From the clock seam, so the same input makes the same file; default: now. */
  createdAt?: Date;
  /** The faces to use; default: `locateCjkFonts()`. */
  fonts?: CjkFonts;
}

/** A column of a PDF table: header text, relative width (default 1) and alignment. */
export interface PdfColumn {
  header: string;
  width?: number;
  align?: 'left' | 'center' | 'right';
}

/** Placement of an image: width in points (default: its own, at most the text width). */
export interface PdfImageOptions {
  width?: number;
  align?: 'left' | 'center';
  caption?: string;
}

type Align = 'left' | 'center' | 'right';
interface Cell {
  text: string;
  bold?: boolean;
  fill?: string;
  align?: Align;
}

// A4 with 2 cm side margins; top and bottom leave room for the running header and footer.
const margins = { top: 64, bottom: 64, left: 56, right: 56 };
const size = { title: 18, heading: 13, body: 11, table: 10, running: 8 };
const cellPadding = 4;
const colours = { text: '#1f1f1f', muted: '#8c8c8c', rule: '#bfbfbf', headerFill: '#f0f0f0' };

/** Lays out a document block by block; `toBuffer()` finishes it. */
export class PdfBuilder {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly finished: Promise<void>;

  constructor(private readonly options: PdfOptions) {
    const fonts = options.fonts ?? locateCjkFonts();
    this.doc = new PDFDocument({
      size: 'A4',
      margins,
      bufferPages: true,
      lang: 'zh-CN',
      displayTitle: true,
      // pdfkit hashes every info entry into the file id: an undefined one would throw.
      info: { Title: options.title, ...(options.author && { Author: options.author }), Creator: 'Gongzhi 共治', CreationDate: options.createdAt ?? new Date() },
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.finished = new Promise((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    this.doc.registerFont('regular', fontBytes(fonts.regular), fonts.regular.family);
    this.doc.registerFont('bold', fontBytes(fonts.bold), fonts.bold.family);
    this.doc.font('regular').fontSize(size.body).fillColor(colours.text);
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get textWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Starts a new page when `height` points do not fit below the current position. */
  private ensureRoom(height: number): void {
    if (this.doc.y + height > this.doc.page.maxY()) this.doc.addPage();
  }

  /** The document's title, large and centred. */
  title(text: string): this {
    this.doc.font('bold').fontSize(size.title).text(text, this.left, this.doc.y, { width: this.textWidth, align: 'center' });
    this.doc.moveDown(0.6);
    return this;
  }

  /** A section heading. */
  heading(text: string): this {
    this.ensureRoom(size.heading * 3);
    this.doc.moveDown(0.4).font('bold').fontSize(size.heading).text(text, this.left, this.doc.y, { width: this.textWidth });
    this.doc.moveDown(0.3);
    return this;
  }

  /** A paragraph of running text; it wraps between Chinese characters and flows onto new pages. */
  paragraph(text: string): this {
    this.doc.font('regular').fontSize(size.body).text(text, this.left, this.doc.y, { width: this.textWidth, lineGap: 3 });
    this.doc.moveDown(0.5);
    return this;
  }

  /** Vertical space, in points. */
  spacer(points = 12): this {
    this.doc.y += points;
    return this;
  }

  /** Label–value pairs in two columns (e.g. 缴费人 / 金额 / 缴费时间 on a receipt). */
  keyValues(pairs: readonly (readonly [string, string | number | null | undefined])[]): this {
    const widths = [this.textWidth * 0.3, this.textWidth * 0.7];
    for (const [key, value] of pairs) {
      this.row(widths, [{ text: key, bold: true, fill: colours.headerFill }, { text: value == null ? '' : String(value) }]);
    }
    this.doc.moveDown(0.8);
    return this;
  }

  /** A table with a header row, repeated at the top of every page the table runs onto. */
  table(columns: readonly PdfColumn[], rows: readonly (readonly (string | number | null | undefined)[])[]): this {
    const total = columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
    const widths = columns.map((c) => (this.textWidth * (c.width ?? 1)) / total);
    const header = columns.map((c): Cell => ({ text: c.header, bold: true, fill: colours.headerFill, align: c.align }));
    this.row(widths, header);
    for (const values of rows) {
      this.row(widths, columns.map((c, i): Cell => ({ text: values[i] == null ? '' : String(values[i]), align: c.align })), header);
    }
    this.doc.moveDown(0.8);
    return this;
  }

  /** A PNG or JPEG image (a chart rendered on the server, a QR code), scaled to fit the text width. */
  image(bytes: Buffer, options: PdfImageOptions = {}): this {
    const type = sniffMimeType(bytes);
    if (type !== 'image/png' && type !== 'image/jpeg') throw new Error(`PdfBuilder.image: PNG or JPEG expected, got ${type ?? 'unknown bytes'}`);
    const opened = (this.doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(bytes);
    const width = Math.min(options.width ?? opened.width, this.textWidth);
    const height = (width * opened.height) / opened.width;
    this.ensureRoom(height + (options.caption ? size.body * 2 : 0));
    const x = options.align === 'center' ? this.left + (this.textWidth - width) / 2 : this.left;
    const y = this.doc.y;
    this.doc.image(opened as unknown as Buffer, x, y, { width, height });
    this.doc.y = y + height + 4;
    if (options.caption) {
      this.doc.font('regular').fontSize(size.running + 1).fillColor(colours.muted).text(options.caption, this.left, this.doc.y, { width: this.textWidth, align: options.align ?? 'left' });
      this.doc.fillColor(colours.text);
    }
    this.doc.moveDown(0.6);
    return this;
  }

  /** Draws one row of cells with borders; a row that does not fit starts a new page, which repeats `header` first. */
  private row(widths: readonly number[], cells: readonly Cell[], header?: readonly Cell[]): void {
    const doc = this.doc;
    const height = this.rowHeight(widths, cells);
    if (doc.y + height > doc.page.maxY()) {
      doc.addPage();
      if (header) this.row(widths, header);
    }
    const y = doc.y;
    let x = this.left;
    cells.forEach((cell, i) => {
      const width = widths[i]!;
      if (cell.fill) doc.save().rect(x, y, width, height).fill(cell.fill).restore();
      doc.save().lineWidth(0.5).strokeColor(colours.rule).rect(x, y, width, height).stroke().restore();
      doc.font(cell.bold ? 'bold' : 'regular').fontSize(size.table).fillColor(colours.text)
        .text(cell.text, x + cellPadding, y + cellPadding, { width: width - 2 * cellPadding, height: height - 2 * cellPadding, align: cell.align ?? 'left', ellipsis: true });
      x += width;
    });
    doc.x = this.left;
    doc.y = y + height;
  }

  /** The height of a row: its tallest cell, at most a page (longer text is cut with an ellipsis). */
  private rowHeight(widths: readonly number[], cells: readonly Cell[]): number {
    const doc = this.doc;
    const tallest = Math.max(...cells.map((cell, i) => doc.font(cell.bold ? 'bold' : 'regular').fontSize(size.table).heightOfString(cell.text || ' ', { width: widths[i]! - 2 * cellPadding })));
    const pageRoom = doc.page.maxY() - doc.page.margins.top - 3 * size.table * 2;
    return Math.min(tallest + 2 * cellPadding, pageRoom);
  }

  /** Header, footer and "第 n 页 / 共 m 页" on every page, drawn once the page count is known. */
  private drawRunningText(): void {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      // Text below the bottom margin would otherwise start yet another page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const width = this.textWidth;
      doc.font('regular').fontSize(size.running).fillColor(colours.muted);
      if (this.options.header) {
        doc.text(this.options.header, this.left, 32, { width, align: 'left', lineBreak: false });
        doc.save().lineWidth(0.5).strokeColor(colours.rule).moveTo(this.left, 44).lineTo(this.left + width, 44).stroke().restore();
      }
      const footerY = doc.page.height - 40;
      if (this.options.footer) doc.text(this.options.footer, this.left, footerY, { width: width * 0.7, align: 'left', lineBreak: false });
      doc.text(`第 ${i - start + 1} 页 / 共 ${count} 页`, this.left + width * 0.7, footerY, { width: width * 0.3, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }

  /** Finishes the document and returns its bytes. */
  async toBuffer(): Promise<Buffer> {
    this.drawRunningText();
    this.doc.end();
    await this.finished;
    return Buffer.concat(this.chunks);
  }
}

/** Starts an A4 document whose text is set in a Chinese font (see pdf.fonts.ts for which). */
export function createPdf(options: PdfOptions): PdfBuilder {
  return new PdfBuilder(options);
}
