import PDFDocument from 'pdfkit';
import { dejaVuPath, PAGE, type SummaryContent } from './content.js';

/**
 * Baseline (c): the same summary with PDFKit and the same DejaVu TTFs
 * (registered by path per document: PDFKit reads, parses and subsets them
 * for each document). Text is measured with `heightOfString` and wrapped by
 * PDFKit itself; pages are broken by hand so that the header repeats.
 */

const TEXT = '#1c1c1c';
const MUTED = '#5a5f66';
const ACCENT = '#1f4e79';
const RULE = '#c9ced6';
const BAND = '#e6ebf1';
const STATUS: Record<string, { colour: string; band?: string }> = {
  signed: { colour: '#1d6b3a' },
  pending: { colour: MUTED },
  declined: { colour: '#a3161b', band: '#fbeaea' },
  withdrawn: { colour: '#8a4b00', band: '#fcf1de' },
};

export function renderPdfKit(content: SummaryContent): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: 0 },
    bufferPages: true,
    info: { Title: content.title, Author: content.conference },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('regular', dejaVuPath('regular'));
  doc.registerFont('bold', dejaVuPath('bold'));

  const left = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  let y = PAGE.margin;
  const options = (maxWidth: number) => ({ width: maxWidth, lineGap: 0, lineBreak: true });

  const paragraph = (
    text: string,
    font: string,
    size: number,
    colour: string,
    x: number,
    maxWidth: number,
  ): number => {
    doc.font(font).fontSize(size).fillColor(colour);
    doc.text(text, x, y, options(maxWidth));
    return doc.heightOfString(text, options(maxWidth));
  };

  y += paragraph(content.eyebrow, 'bold', 8, ACCENT, left, width) + 4;
  y += paragraph(content.title, 'bold', 17, TEXT, left, width) + 4;
  y += paragraph(content.conference, 'regular', 11, TEXT, left, width) + 1;
  y += paragraph(content.venue, 'regular', 9.5, MUTED, left, width) + 8;
  doc.rect(left, y, width, 1).fill(ACCENT);
  y += 13;
  for (const [label, value] of content.facts) {
    const labelHeight = paragraph(label, 'regular', 8.5, MUTED, left, 92);
    const valueHeight = paragraph(value, 'regular', 8.5, TEXT, left + 100, width - 100);
    y += Math.max(labelHeight, valueHeight) + 3;
  }
  y += 18;
  y += paragraph(content.heading, 'bold', 11.5, TEXT, left, width) + 6;

  const columns = content.shares.map((share) => share * width);
  const xs = columns.map((_, index) => left + columns.slice(0, index).reduce((a, b) => a + b, 0));
  const header = () => {
    const height = 7.5 * 1.3 + 8;
    doc.rect(left, y, width, height).fill(BAND);
    doc.font('bold').fontSize(7.5).fillColor(TEXT);
    content.header.forEach((label, index) => {
      doc.text(label, xs[index]! + 4, y + 4, { width: columns[index]! - 8, lineBreak: false });
    });
    y += height;
  };
  header();

  const bottom = PAGE.height - PAGE.bottom;
  for (const row of content.rows) {
    const status = STATUS[row.status]!;
    const cells = row.cells.map((lines, column) =>
      lines.map((text, index) => {
        const strong = (column === 0 && index === 0) || column === 1;
        const secondary = index > 0 && column !== 0;
        const font = strong ? 'bold' : 'regular';
        const size = secondary ? 7.5 : 8.5;
        const colour = column === 1 ? status.colour : secondary ? MUTED : TEXT;
        doc.font(font).fontSize(size);
        const height = doc.heightOfString(text, options(columns[column]! - 8));
        return { text, font, size, colour, height };
      }),
    );
    const cellsHeight = Math.max(
      ...cells.map((lines) => lines.reduce((sum, line) => sum + line.height + 1, 0)),
    );
    let noteHeight = 0;
    if (row.note) {
      doc.font('regular').fontSize(7.5);
      noteHeight = doc.heightOfString(row.note, options(width - columns[0]! - 8)) + 3;
    }
    const height = cellsHeight + noteHeight + 8.5;
    if (y + height > bottom) {
      doc.addPage();
      y = PAGE.margin;
      header();
    }
    if (status.band) doc.rect(left, y, width, height).fill(status.band);
    cells.forEach((lines, column) => {
      let lineY = y + 4;
      for (const line of lines) {
        doc.font(line.font).fontSize(line.size).fillColor(line.colour);
        doc.text(line.text, xs[column]! + 4, lineY, options(columns[column]! - 8));
        lineY += line.height + 1;
      }
    });
    if (row.note) {
      doc.font('regular').fontSize(7.5).fillColor(status.colour);
      doc.text(row.note, xs[1]! + 4, y + 4 + cellsHeight + 3, options(width - columns[0]! - 8));
    }
    doc.rect(left, y + height - 0.5, width, 0.5).fill(RULE);
    y += height;
  }

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const footerY = PAGE.height - 40 - 7.5 * 1.3;
    doc.rect(left, PAGE.height - PAGE.bottom + 6, width, 0.5).fill(RULE);
    doc.font('regular').fontSize(7.5).fillColor(MUTED);
    doc.text(content.footer, left, footerY, { width: width - 80, lineBreak: false });
    doc.text(`Page ${index + 1} of ${range.count}`, left, footerY, {
      width,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}
