import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, type RGB, rgb } from 'pdf-lib';
import { dejaVuPath, PAGE, type SummaryContent } from './content.js';

/**
 * Baseline (b): the agreement summary as most pdf-lib code would write it.
 * Per document it reads both TTFs, registers fontkit and embeds them as
 * subsets (so fontkit parses them again each time), wraps text with
 * `widthOfTextAtSize` and draws every line with `page.drawText`, then saves
 * with pdf-lib's defaults. A plain table with the same information as the
 * project's summary: title block, facts, header repeated on each page,
 * tinted declined/withdrawn rows with their note, "Page i of n" footers.
 */

const TEXT = rgb(0.11, 0.11, 0.11);
const MUTED = rgb(0.35, 0.37, 0.4);
const ACCENT = rgb(0.12, 0.31, 0.47);
const RULE = rgb(0.79, 0.81, 0.84);
const BAND = rgb(0.9, 0.92, 0.95);
const STATUS: Record<string, { colour: RGB; band?: RGB }> = {
  signed: { colour: rgb(0.11, 0.42, 0.23) },
  pending: { colour: MUTED },
  declined: { colour: rgb(0.64, 0.09, 0.11), band: rgb(0.98, 0.92, 0.92) },
  withdrawn: { colour: rgb(0.54, 0.29, 0), band: rgb(0.99, 0.95, 0.87) },
};

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    // A word wider than the column is cut where it no longer fits.
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderNaivePdfLib(content: SummaryContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(content.title);
  doc.setAuthor(content.conference);
  doc.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await Promise.all([
    readFile(dejaVuPath('regular')),
    readFile(dejaVuPath('bold')),
  ]);
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });

  const left = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  const bottom = PAGE.bottom;
  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;

  const paragraph = (
    text: string,
    font: PDFFont,
    size: number,
    colour: RGB,
    x: number,
    maxWidth: number,
  ): number => {
    const lines = wrap(text, font, size, maxWidth);
    let lineY = y;
    for (const line of lines) {
      lineY -= size * 1.3;
      page.drawText(line, { x, y: lineY + size * 0.25, size, font, color: colour });
    }
    return lines.length * size * 1.3;
  };

  y -= paragraph(content.eyebrow, bold, 8, ACCENT, left, width) + 4;
  y -= paragraph(content.title, bold, 17, TEXT, left, width) + 4;
  y -= paragraph(content.conference, regular, 11, TEXT, left, width) + 1;
  y -= paragraph(content.venue, regular, 9.5, MUTED, left, width) + 8;
  page.drawRectangle({ x: left, y: y - 1, width, height: 1, color: ACCENT });
  y -= 13;
  for (const [label, value] of content.facts) {
    const labelHeight = paragraph(label, regular, 8.5, MUTED, left, 92);
    const valueHeight = paragraph(value, regular, 8.5, TEXT, left + 100, width - 100);
    y -= Math.max(labelHeight, valueHeight) + 3;
  }
  y -= 18;
  y -= paragraph(content.heading, bold, 11.5, TEXT, left, width) + 6;

  const columns = content.shares.map((share) => share * width);
  const xs = columns.map((_, index) => left + columns.slice(0, index).reduce((a, b) => a + b, 0));
  const header = () => {
    const height = 7.5 * 1.3 + 8;
    page.drawRectangle({ x: left, y: y - height, width, height, color: BAND });
    content.header.forEach((label, index) => {
      page.drawText(label, {
        x: xs[index]! + 4,
        y: y - 4 - 7.5,
        size: 7.5,
        font: bold,
        color: TEXT,
      });
    });
    y -= height;
  };
  header();

  for (const row of content.rows) {
    const status = STATUS[row.status]!;
    // Lines of every cell, wrapped to its column: [text, font, size, colour][].
    const cells = row.cells.map((lines, column) =>
      lines.flatMap((text, index) => {
        const strong = (column === 0 && index === 0) || column === 1;
        const secondary = index > 0 && column !== 0;
        const font = strong ? bold : regular;
        const size = secondary ? 7.5 : 8.5;
        const colour = column === 1 ? status.colour : secondary ? MUTED : TEXT;
        return wrap(text, font, size, columns[column]! - 8).map(
          (line) => [line, font, size, colour] as const,
        );
      }),
    );
    const noteLines = row.note
      ? wrap(row.note, regular, 7.5, width - columns[0]! - 8).map(
          (line) => [line, regular, 7.5, status.colour] as const,
        )
      : [];
    const cellsHeight = Math.max(
      ...cells.map((lines) => lines.reduce((sum, [, , size]) => sum + size * 1.3 + 1, 0)),
    );
    const noteHeight = noteLines.length * 7.5 * 1.3 + (noteLines.length ? 3 : 0);
    const height = cellsHeight + noteHeight + 8.5;
    if (y - height < bottom) {
      page = doc.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
      header();
    }
    if (status.band) {
      page.drawRectangle({ x: left, y: y - height, width, height, color: status.band });
    }
    cells.forEach((lines, column) => {
      let lineY = y - 4;
      for (const [text, font, size, colour] of lines) {
        lineY -= size * 1.3;
        page.drawText(text, {
          x: xs[column]! + 4,
          y: lineY + size * 0.25,
          size,
          font,
          color: colour,
        });
        lineY -= 1;
      }
    });
    let noteY = y - 4 - cellsHeight - 3;
    for (const [text, font, size, colour] of noteLines) {
      noteY -= size * 1.3;
      page.drawText(text, { x: xs[1]! + 4, y: noteY + size * 0.25, size, font, color: colour });
    }
    page.drawRectangle({ x: left, y: y - height, width, height: 0.5, color: RULE });
    y -= height;
  }

  const pages = doc.getPages();
  pages.forEach((each, index) => {
    const label = `Page ${index + 1} of ${pages.length}`;
    const labelWidth = regular.widthOfTextAtSize(label, 7.5);
    each.drawRectangle({ x: left, y: PAGE.bottom - 6, width, height: 0.5, color: RULE });
    each.drawText(content.footer, { x: left, y: 44, size: 7.5, font: regular, color: MUTED });
    each.drawText(label, {
      x: left + width - labelWidth,
      y: 44,
      size: 7.5,
      font: regular,
      color: MUTED,
    });
  });
  return doc.save();
}
