/**
 * Page geometry, independent of pdf-lib: content becomes positioned boxes
 * (lines of text and filled rectangles) on pages, which a painter then draws
 * one by one. Keeping the maths here, pure, lets tests check that nothing
 * leaves the margins or overlaps.
 *
 * Coordinates are points with the origin at the top-left of the page and y
 * growing downwards, as one reads; the painter flips them for PDF.
 */
import type { FontFace, TypeMetrics } from './fonts.js';
import { cleanText } from './format.js';
import { wrapText } from './wrap.js';

export type Colour =
  | 'text'
  | 'muted'
  | 'accent'
  | 'rule'
  | 'headerBand'
  | 'signed'
  | 'pending'
  | 'declined'
  | 'declinedBand'
  | 'withdrawn'
  | 'withdrawnBand'
  | 'ceremonyMark';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One line of text; the rectangle is its line box, `baseline` is where glyphs sit. */
export interface TextBox extends Rect {
  readonly kind: 'text';
  readonly text: string;
  readonly face: FontFace;
  readonly size: number;
  readonly colour: Colour;
  readonly baseline: number;
}

export interface FillBox extends Rect {
  readonly kind: 'fill';
  readonly colour: Colour;
}

export type Box = TextBox | FillBox;

/** Content of known height; x is absolute, y relative to the block's top. */
export interface Block {
  readonly height: number;
  readonly boxes: readonly Box[];
}

export interface TextStyle {
  readonly face: FontFace;
  readonly size: number;
  readonly colour: Colour;
}

export interface Paragraph {
  readonly text: string;
  readonly style: TextStyle;
}

/** Line box height as a multiple of the font size. */
const LEADING = 1.3;

export interface PageFrame {
  readonly width: number;
  readonly height: number;
  readonly margin: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
  };
  /** Band at the bottom of the margin box for the running footer. */
  readonly footerHeight: number;
}

/** A4 portrait with margins of about 17 mm at the sides. */
export const A4: PageFrame = {
  width: 595.28,
  height: 841.89,
  margin: { top: 48, right: 48, bottom: 40, left: 48 },
  footerHeight: 24,
};

export const contentWidth = (frame: PageFrame) =>
  frame.width - frame.margin.left - frame.margin.right;

export const EMPTY: Block = { height: 0, boxes: [] };

/**
 * Lines of `text` wrapped to `width` starting at `x`; right-aligned lines end
 * at `x + width`. Text is cleaned first, so what is measured is what is drawn.
 */
export function paragraphBlock(
  { text, style }: Paragraph,
  x: number,
  width: number,
  metrics: TypeMetrics,
  align: 'left' | 'right' = 'left',
): Block {
  const widthOf = (line: string) => metrics.width(line, style.face, style.size);
  const lineHeight = style.size * LEADING;
  // Half the leading above the glyphs, half below: lines of any size centre in their box.
  const baselineOffset =
    (lineHeight - (metrics.ascent + metrics.descent) * style.size) / 2 +
    metrics.ascent * style.size;
  const boxes = wrapText(cleanText(text), width, widthOf).map((line, index): TextBox => {
    const lineWidth = widthOf(line);
    const y = index * lineHeight;
    return {
      kind: 'text',
      text: line,
      ...style,
      x: align === 'right' ? x + width - lineWidth : x,
      y,
      width: lineWidth,
      height: lineHeight,
      baseline: y + baselineOffset,
    };
  });
  return { height: boxes.length * lineHeight, boxes };
}

/** `box` moved by (dx, dy). Written out rather than spread: layout moves thousands of boxes. */
function shiftBox(box: Box, dx: number, dy: number): Box {
  if (dx === 0 && dy === 0) return box;
  const { x, y, width, height, colour } = box;
  if (box.kind === 'fill') return { kind: 'fill', colour, x: x + dx, y: y + dy, width, height };
  const { text, face, size, baseline } = box;
  return {
    kind: 'text',
    text,
    face,
    size,
    colour,
    x: x + dx,
    y: y + dy,
    width,
    height,
    baseline: baseline + dy,
  };
}

/** Blocks one below the other, `gap` points apart. */
export function stack(blocks: readonly Block[], gap = 0): Block {
  const boxes: Box[] = [];
  let height = 0;
  for (const block of blocks) {
    if (block.height === 0) continue;
    if (height > 0) height += gap;
    for (const box of block.boxes) boxes.push(shiftBox(box, 0, height));
    height += block.height;
  }
  return { height, boxes };
}

const firstBaseline = (block: Block) =>
  block.boxes.find((box): box is TextBox => box.kind === 'text')?.baseline ?? 0;

/**
 * Blocks side by side (their x already differs), moved down as needed so
 * that their first lines share a baseline even when set in different sizes.
 */
export function beside(blocks: readonly Block[]): Block {
  const baseline = Math.max(0, ...blocks.map(firstBaseline));
  const aligned = blocks.map((block) => {
    const drop = block.boxes.length > 0 ? baseline - firstBaseline(block) : 0;
    return { height: block.height + drop, boxes: block.boxes.map((box) => shiftBox(box, 0, drop)) };
  });
  return {
    height: Math.max(0, ...aligned.map((block) => block.height)),
    boxes: aligned.flatMap((block) => block.boxes),
  };
}

/** Adds `top` and `bottom` points of empty space around a block. */
export function pad(block: Block, top: number, bottom = top): Block {
  return {
    height: block.height + top + bottom,
    boxes: block.boxes.map((box) => shiftBox(box, 0, top)),
  };
}

export function fill(colour: Colour, rect: Rect): FillBox {
  return { kind: 'fill', colour, ...rect };
}

/**
 * What the paginator places. A block may ask to stay on the same page as
 * the start of what follows (headings); a table repeats its header on every
 * page it continues on. `spaceBefore` is dropped at the top of a page.
 */
export type FlowItem =
  | {
      readonly kind: 'block';
      readonly block: Block;
      readonly keepWithNext?: boolean;
      readonly spaceBefore?: number;
    }
  | {
      readonly kind: 'table';
      readonly header: Block;
      /** Replaces `header` on the pages the table continues on. */
      readonly continuedHeader: Block;
      readonly rows: readonly Block[];
      readonly spaceBefore?: number;
    };

/** Height that must fit for `flow[index]` to start on the current page. */
function leadHeight(flow: readonly FlowItem[], index: number): number {
  const item = flow[index];
  if (!item) return 0;
  if (item.kind === 'table') return item.header.height + (item.rows[0]?.height ?? 0);
  return item.block.height + (item.keepWithNext ? leadHeight(flow, index + 1) : 0);
}

export const bodyTop = (frame: PageFrame) => frame.margin.top;
export const bodyBottom = (frame: PageFrame) =>
  frame.height - frame.margin.bottom - frame.footerHeight;

const EPSILON = 1e-6;

/** The part of `box` between `from` and `to` (block coordinates), moved up by `from`. */
function clipFill(box: FillBox, from: number, to: number): FillBox[] {
  const top = Math.max(box.y, from);
  const bottom = Math.min(box.y + box.height, to);
  return bottom - top > EPSILON ? [{ ...box, y: top - from, height: bottom - top }] : [];
}

/**
 * Cuts `block` at the lowest line boundary within `maxHeight`, so that no
 * line is cut; bands are cut with it. For rows and paragraphs taller than a
 * page (a long withdrawal reason), which must continue rather than be lost.
 * Undefined when not even the first line fits.
 */
function splitBlock(block: Block, maxHeight: number): [Block, Block] | undefined {
  const lines = block.boxes.filter((box): box is TextBox => box.kind === 'text');
  const crossesLine = (cut: number) =>
    lines.some((line) => line.y < cut - EPSILON && line.y + line.height > cut + EPSILON);
  const cut = Math.max(
    0,
    ...lines
      .map((line) => line.y + line.height)
      .filter((bottom) => bottom <= maxHeight + EPSILON && !crossesLine(bottom)),
  );
  if (cut === 0) return undefined;
  const part = (from: number, to: number): Block => ({
    height: to - from,
    boxes: block.boxes.flatMap((box) => {
      if (box.kind === 'fill') return clipFill(box, from, to);
      return box.y >= from - EPSILON && box.y < to - EPSILON ? [shiftBox(box, 0, -from)] : [];
    }),
  });
  return [part(0, cut), part(cut, block.height)];
}

/**
 * Flows items down pages of `frame`'s body (the margin box less the footer
 * band). A block that does not fit in the space left starts a new page; one
 * taller than a whole page is split between lines and continues on the next
 * pages, below the table's continued header if it is a table row.
 */
export function paginate(flow: readonly FlowItem[], frame: PageFrame): Box[][] {
  const top = bodyTop(frame);
  const bottom = bodyBottom(frame);
  const pages: Box[][] = [[]];
  let y = top;

  const fits = (height: number) => y + height <= bottom + EPSILON;
  const place = (block: Block) => {
    pages.at(-1)?.push(...block.boxes.map((box) => shiftBox(box, 0, y)));
    y += block.height;
  };
  /** Places `block`; on each new page it needs, `continuation` (a table header) goes first. */
  const put = (block: Block, continuation: Block = EMPTY) => {
    const continuePage = () => {
      pages.push([]);
      y = top;
      place(continuation);
    };
    const pageTop = top + continuation.height;
    // What a fresh page holds whole moves there; anything taller is split where it stands.
    if (!fits(block.height) && y > pageTop && block.height <= bottom - pageTop) continuePage();
    let rest = block;
    while (!fits(rest.height)) {
      const parts = splitBlock(rest, bottom - y);
      if (!parts && y <= pageTop) throw new RangeError('A line is taller than the page body.');
      if (parts) {
        place(parts[0]);
        rest = parts[1];
      }
      continuePage();
    }
    place(rest);
  };
  const startItem = (index: number, spaceBefore = 0) => {
    if (y > top && !fits(spaceBefore + leadHeight(flow, index))) {
      pages.push([]);
      y = top;
    }
    if (y > top) y += spaceBefore;
  };

  flow.forEach((item, index) => {
    startItem(index, item.spaceBefore);
    if (item.kind === 'block') {
      put(item.block);
      return;
    }
    put(item.header);
    for (const row of item.rows) put(row, item.continuedHeader);
  });
  return pages;
}

/** What a sealed summary prints on every page: its code and URL as text, the QR code of the URL. */
export interface Verification {
  readonly code: string;
  readonly url: string;
  /** Module matrix of the QR code, rows top to bottom; true is dark. */
  readonly qr: readonly (readonly boolean[])[];
}

/** Side of the printed QR code: 2 cm, well above what phones need at about 0.5 mm a module. */
const QR_SIDE = 56;

/** The frame whose footer band holds the QR code beside the verification lines. */
export function withVerificationBand(frame: PageFrame): PageFrame {
  return { ...frame, footerHeight: Math.max(frame.footerHeight, QR_SIDE + 14) };
}

/** The dark modules as filled squares, each row's runs merged into one rectangle. */
function qrBoxes(qr: Verification['qr'], x: number, y: number): Box[] {
  const module = QR_SIDE / qr.length;
  return qr.flatMap((row, r) =>
    row.flatMap((dark, c) => {
      if (!dark || row[c - 1]) return [];
      let end = c;
      while (row[end + 1]) end++;
      return [
        fill('text', {
          x: x + c * module,
          y: y + r * module,
          width: (end - c + 1) * module,
          height: module,
        }),
      ];
    }),
  );
}

/**
 * Running footer for every page: a hairline, `label` on the left and
 * "Page i of n" on the right, inside the footer band; with `verification`,
 * the QR code at the left and the code and URL above the label (the frame
 * must come from {@link withVerificationBand}).
 */
export function addFooters(
  pages: readonly (readonly Box[])[],
  label: string,
  frame: PageFrame,
  metrics: TypeMetrics,
  verification?: Verification,
): Box[][] {
  const style: TextStyle = { face: 'regular', size: 7.5, colour: 'muted' };
  const lineHeight = style.size * LEADING;
  const qrWidth = verification ? QR_SIDE + 10 : 0;
  const left = frame.margin.left + qrWidth;
  const width = contentWidth(frame) - qrWidth;
  const bandTop = bodyBottom(frame);
  const bottom = frame.height - frame.margin.bottom;
  const textTop = bottom - lineHeight;
  const lines = (text: string, top: number) =>
    paragraphBlock({ text, style }, left, width, metrics).boxes.map((box) => shiftBox(box, 0, top));
  const verificationBoxes = verification
    ? [
        ...qrBoxes(verification.qr, frame.margin.left, bottom - QR_SIDE),
        ...lines(`Verification code ${verification.code}`, textTop - 3 * lineHeight),
        ...lines(`Check this document at ${verification.url}`, textTop - 2 * lineHeight),
      ]
    : [];
  return pages.map((boxes, index) => {
    const number = paragraphBlock(
      { text: `Page ${index + 1} of ${pages.length}`, style },
      left,
      width,
      metrics,
      'right',
    );
    const numberWidth = Math.max(0, ...number.boxes.map((box) => box.width));
    const caption = paragraphBlock({ text: label, style }, left, width - numberWidth - 12, metrics);
    return [
      ...boxes,
      fill('rule', {
        x: frame.margin.left,
        y: bandTop + 6,
        width: contentWidth(frame),
        height: 0.5,
      }),
      ...verificationBoxes,
      ...caption.boxes.map((box) => shiftBox(box, 0, textTop)),
      ...number.boxes.map((box) => shiftBox(box, 0, textTop)),
    ];
  });
}
