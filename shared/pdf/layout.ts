/**
 * Page geometry, independent of pdf-lib: content becomes positioned boxes
 * (lines of text and filled rectangles) on pages, which a painter then draws
 * one by one. Keeping the maths here, pure, lets tests check that nothing
 * leaves the margins or overlaps.
 *
 * Coordinates are points with the origin at the top-left of the page and y
 * growing downwards, as one reads; the painter flips them for PDF.
 */
import type { FontFace } from './fonts.js';
import { cleanParagraphs, cleanText } from './format.js';
import { type TypeMetrics, UNPRINTABLE_MARK } from './shaping.js';
import { wrapText } from './wrap.js';

export type Colour =
  | 'text'
  | 'muted'
  | 'accent'
  | 'rule'
  | 'bandRule'
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
  /** The line ends in a word cut by the wrapper: a hyphen is drawn after it. */
  readonly hyphenated?: boolean;
  /**
   * A line of a right-to-left paragraph: ordered as such, and its hyphen
   * (which ends the line) drawn on its left, in room the line leaves there.
   */
  readonly direction?: 'rtl';
}

export interface FillBox extends Rect {
  readonly kind: 'fill';
  readonly colour: Colour;
}

/** Where a bookmark (PDF outline entry) points: the top of what it names. Draws nothing. */
export interface AnchorBox extends Rect {
  readonly kind: 'anchor';
  readonly title: string;
}

export type Box = TextBox | FillBox | AnchorBox;

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

/** Room the hyphen after a cut word takes, as a multiple of the font size (see the painter). */
export const HYPHEN_WIDTH = 0.4;

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
 * Where the baseline of a line of type `size` lies below the line's top:
 * half the leading above the glyphs, half below, so that lines of any size
 * centre in their box.
 */
const baselineInLine = (size: number, metrics: TypeMetrics) =>
  (size * LEADING - (metrics.ascent + metrics.descent) * size) / 2 + metrics.ascent * size;

/**
 * Lines of `text` wrapped to `width` starting at `x`; right-aligned lines end
 * at `x + width`. Text is cleaned first, so what is measured is what is drawn;
 * a line feed (which a reason may hold) starts a new line, and each paragraph
 * it separates runs in its own direction.
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
  const baselineOffset = baselineInLine(style.size, metrics);
  const lines = cleanParagraphs(text).flatMap((paragraph) => {
    const rtl = metrics.direction(paragraph) === 'rtl';
    return wrapText(paragraph, width, widthOf, HYPHEN_WIDTH * style.size).map((line) => ({
      ...line,
      rtl,
    }));
  });
  const boxes = lines.map(({ text: line, hyphenated, rtl }, index): TextBox => {
    const lineWidth = widthOf(line);
    const y = index * lineHeight;
    const hyphenRoom = rtl && hyphenated ? HYPHEN_WIDTH * style.size : 0;
    return {
      kind: 'text',
      text: line,
      ...(hyphenated && { hyphenated }),
      ...(rtl && { direction: 'rtl' as const }),
      ...style,
      x: align === 'right' ? x + width - lineWidth : x + hyphenRoom,
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
  if (box.kind === 'anchor') return { ...box, x: box.x + dx, y: box.y + dy };
  const { x, y, width, height, colour } = box;
  if (box.kind === 'fill') return { kind: 'fill', colour, x: x + dx, y: y + dy, width, height };
  const { text, face, size, baseline, hyphenated, direction } = box;
  return {
    kind: 'text',
    text,
    ...(hyphenated && { hyphenated }),
    ...(direction && { direction }),
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

/** `block`, with an anchor over it for a bookmark titled `title` (the anchor draws nothing). */
export function anchored(title: string, block: Block, x: number): Block {
  return {
    height: block.height,
    boxes: [{ kind: 'anchor', title, x, y: 0, width: 0, height: block.height }, ...block.boxes],
  };
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

/**
 * Height that must fit for `flow[index]` to start on the current page. A
 * block taller than a page (`pageHeight`) is split wherever it starts, so
 * only its first line leads.
 */
function leadHeight(flow: readonly FlowItem[], index: number, pageHeight: number): number {
  const item = flow[index];
  if (!item) return 0;
  if (item.kind === 'table') return item.header.height + (item.rows[0]?.height ?? 0);
  if (item.block.height > pageHeight) return lineBoundaries(item.block)[0] ?? item.block.height;
  return item.block.height + (item.keepWithNext ? leadHeight(flow, index + 1, pageHeight) : 0);
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

/** Where `block` may be cut without cutting a line: below a line no other line spans, top down. */
function lineBoundaries(block: Block): number[] {
  const lines = block.boxes.filter((box): box is TextBox => box.kind === 'text');
  const crossesLine = (cut: number) =>
    lines.some((line) => line.y < cut - EPSILON && line.y + line.height > cut + EPSILON);
  return lines
    .map((line) => line.y + line.height)
    .filter((bottom) => !crossesLine(bottom))
    .sort((a, b) => a - b);
}

/**
 * Cuts `block` at the lowest line boundary within `maxHeight`, so that no
 * line is cut; bands are cut with it. For rows and paragraphs taller than a
 * page (a long withdrawal reason), which must continue rather than be lost.
 * Undefined when not even the first line fits.
 */
function splitBlock(block: Block, maxHeight: number): [Block, Block] | undefined {
  const cut = Math.max(0, ...lineBoundaries(block).filter((at) => at <= maxHeight + EPSILON));
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
    // What an item is kept with was measured with it: breaking again could only strand it
    // (a heading above a table whose first row is taller than a page, which splits anyway).
    const previous = flow[index - 1];
    const kept = previous?.kind === 'block' && previous.keepWithNext === true;
    if (y > top && !kept && !fits(spaceBefore + leadHeight(flow, index, bottom - top))) {
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

/** What a summary shows on every page besides its body, see {@link footerHeight}. */
export interface Footer {
  /** Left-hand caption: what the document is. */
  readonly label: string;
  /** The seal's verification: the code and URL as text, the QR code as filled modules. */
  readonly verification?: Verification;
}

export interface Verification {
  readonly code: string;
  readonly url: string;
  /** Module matrix of the QR code, rows top to bottom; true is dark. */
  readonly qr: readonly (readonly boolean[])[];
}

const FOOTER_STYLE: TextStyle = { face: 'regular', size: 7.5, colour: 'muted' };
const FOOTER_LINE = FOOTER_STYLE.size * LEADING;
/** Side of the printed QR code: 2 cm, well above the 1 cm or so phones need at 0.5 mm a module. */
const QR_SIDE = 56;
const NOTE_GAP = 2;

const NOTE_STYLE: TextStyle = { ...FOOTER_STYLE, colour: 'declined' };

/**
 * The lines the note on characters no font can print takes when it names
 * `characters` (none when there are none). A page names those it has, a
 * subset of the document's, so the document's note is the longest.
 */
export function unprintableNoteLines(
  characters: readonly string[],
  width: number,
  metrics: TypeMetrics,
): number {
  if (characters.length === 0) return 0;
  const note = { text: unprintableNote(characters), style: NOTE_STYLE };
  return paragraphBlock(note, 0, width, metrics).boxes.length;
}

/**
 * The footer band's height: a hairline and the caption line, plus the QR
 * code beside the verification lines when there is one, plus the lines of
 * the note on characters no font could print when the document has any.
 */
export function footerHeight(footer: Footer, noteLines: number): number {
  const body = footer.verification ? Math.max(QR_SIDE, 3 * FOOTER_LINE) : FOOTER_LINE;
  return 10 + body + (noteLines > 0 ? noteLines * FOOTER_LINE + NOTE_GAP : 0);
}

function qrBoxes(qr: Verification['qr'], x: number, y: number): FillBox[] {
  const module = QR_SIDE / Math.max(1, qr.length);
  const boxes: FillBox[] = [];
  qr.forEach((row, r) => {
    // Runs of dark modules in a row become one rectangle: far fewer operators.
    let start = -1;
    row.forEach((dark, c) => {
      if (dark && start < 0) start = c;
      if ((!dark || c === row.length - 1) && start >= 0) {
        const end = dark ? c + 1 : c;
        boxes.push(
          fill('text', {
            x: x + start * module,
            y: y + r * module,
            width: (end - start) * module,
            height: module,
          }),
        );
        start = -1;
      }
    });
  });
  return boxes;
}

/**
 * Adds the running footer to every page: a hairline; the note listing any
 * characters on that page that no font could print (they are drawn as
 * {@link UNPRINTABLE_MARK}); the QR code with the verification code and URL;
 * the caption on the left and "Page i of n" on the right. Pages are looked
 * through for such characters only when the document has some
 * (`documentUnprintable`, which the footer's height was reserved for).
 */
export function addFooters(
  pages: readonly (readonly Box[])[],
  footer: Footer,
  frame: PageFrame,
  metrics: TypeMetrics,
  documentUnprintable: ReadonlySet<string>,
): Box[][] {
  const left = frame.margin.left;
  const width = contentWidth(frame);
  const bandTop = bodyBottom(frame);
  const bottom = frame.height - frame.margin.bottom;
  // Each footer text keeps to its one line whole: a text wider than the line (a long
  // verification code, a long public URL) is set smaller until it fits, on the baseline the
  // full size would have, never wrapped into another line's place nor cut.
  const line = (
    text: string,
    x: number,
    y: number,
    lineWidth: number,
    style = FOOTER_STYLE,
    align: 'left' | 'right' = 'left',
  ) => {
    const natural = metrics.width(cleanText(text), style.face, style.size);
    const size =
      natural <= lineWidth
        ? style.size
        : Math.floor((100 * style.size * lineWidth) / natural) / 100;
    const drop = baselineInLine(style.size, metrics) - baselineInLine(size, metrics);
    return paragraphBlock(
      { text, style: { ...style, size } },
      x,
      lineWidth,
      metrics,
      align,
    ).boxes.map((box) => shiftBox(box, 0, y + drop));
  };
  const { verification } = footer;
  const textLeft = verification ? left + QR_SIDE + 10 : left;
  const textWidth = left + width - textLeft;
  const fixed: Box[] = verification
    ? [
        ...qrBoxes(verification.qr, left, bottom - QR_SIDE),
        ...line(
          `Verification code ${verification.code}: check this document at`,
          textLeft,
          bottom - 3 * FOOTER_LINE,
          textWidth,
          { ...FOOTER_STYLE, face: 'bold', colour: 'text' },
        ),
        // The URL alone on its line, so that no break opportunity inside it cuts it.
        ...line(verification.url, textLeft, bottom - 2 * FOOTER_LINE, textWidth),
      ]
    : [];
  return pages.map((boxes, index) => {
    const number = line(
      `Page ${index + 1} of ${pages.length}`,
      left,
      bottom - FOOTER_LINE,
      width,
      FOOTER_STYLE,
      'right',
    );
    const numberWidth = Math.max(0, ...number.map((box) => box.width));
    const caption = line(
      footer.label,
      textLeft,
      bottom - FOOTER_LINE,
      textWidth - numberWidth - 12,
    );
    const unprintable = new Set<string>();
    if (documentUnprintable.size > 0)
      for (const box of boxes)
        if (box.kind === 'text')
          for (const c of metrics.unprintable(box.text, box.face)) unprintable.add(c);
    const note =
      unprintable.size === 0
        ? []
        : paragraphBlock(
            { text: unprintableNote([...unprintable]), style: NOTE_STYLE },
            left,
            width,
            metrics,
          ).boxes.map((box) => shiftBox(box, 0, bandTop + 8));
    return [
      ...boxes,
      fill('rule', { x: left, y: bandTop + 6, width, height: 0.5 }),
      ...note,
      ...fixed,
      ...caption,
      ...number,
    ];
  });
}

/** The page note on characters no font could print, every one by code point. */
export function unprintableNote(characters: readonly string[]): string {
  const listed = [...characters]
    .sort()
    .map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  return `${UNPRINTABLE_MARK} marks characters no font of this document can print (the text layer keeps them): ${listed.join(', ')}.`;
}
