/**
 * Paints laid-out pages with pdf-lib and sets the document's metadata.
 * Everything that ends up in the file derives from the pages and `info`:
 * no clock, no random identifiers, so equal input gives equal bytes.
 */
import { createHash } from 'node:crypto';
import {
  beginText,
  endText,
  fill,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFOperator,
  type RGB,
  rectangle,
  rgb,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
} from 'pdf-lib';
import { type EmbeddedFonts, embedFonts, type FontFace } from './fonts.js';
import type { Box, Colour, PageFrame, Verification } from './layout.js';

/**
 * Coordinates to 1/100 pt and colour components to 1/1000: far below what
 * print or screen resolve, and they keep the content streams (most of the
 * file, and most of the compression time) about a third shorter.
 */
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const pt = (value: number) => round(value, 2);
const channel = (value: number, shift: number) => round(((value >> shift) & 255) / 255, 3);
const hex = (value: number) => rgb(channel(value, 16), channel(value, 8), channel(value, 0));

/** Status colours stay distinguishable in greyscale too: each also has its own label. */
const PALETTE: Readonly<Record<Colour, RGB>> = {
  text: hex(0x1c1c1c),
  muted: hex(0x5a5f66),
  accent: hex(0x1f4e79),
  rule: hex(0xc9ced6),
  headerBand: hex(0xe6ebf1),
  signed: hex(0x1d6b3a),
  pending: hex(0x5a5f66),
  declined: hex(0xa3161b),
  declinedBand: hex(0xfbeaea),
  withdrawn: hex(0x8a4b00),
  withdrawnBand: hex(0xfcf1de),
  ceremonyMark: hex(0x1f4e79),
};

export interface DocumentInfo {
  readonly title: string;
  readonly subject: string;
  /** The conference: the body on whose behalf the record is kept. */
  readonly author: string;
  readonly keywords: readonly string[];
  /** RFC 3339: creation and modification date, the time of the newest audit event shown. */
  readonly date: string;
  /** Files embedded in the document (its EmbeddedFiles), dated `date`. */
  readonly attachments?: readonly Attachment[];
}

/** What a sealed copy adds to either summary (see shared/seal/summary-extras.ts). */
export interface SummaryExtras {
  /** Drawn on every page: the code and URL as text, the QR code as filled modules. */
  readonly verification?: Verification;
  /** Embedded files, e.g. the history as NDJSON. */
  readonly attachments?: readonly Attachment[];
  /** A fact on page 1 on the record's integrity ("Chain verified: events 1–8, head hash …"). */
  readonly integrity?: string;
}

export interface Attachment {
  readonly name: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  readonly description?: string;
}

/** Resource names of the two faces on every page. */
const FONT_KEYS: Readonly<Record<FontFace, PDFName>> = {
  regular: PDFName.of('F1'),
  bold: PDFName.of('F2'),
};

/**
 * The page's content as raw operators rather than pdf-lib's `drawText`,
 * which brackets every string in its own graphics state and adds a new font
 * resource each time the font changes: thousands for a long table. Fills
 * are backgrounds, so they all go first; then all text in one text object,
 * colour and font set only when they change. Text keeps the order of the
 * boxes, which is the order text extraction reads it in.
 */
function pageOperators(
  boxes: readonly Box[],
  frame: PageFrame,
  fonts: EmbeddedFonts,
): PDFOperator[] {
  const operators: PDFOperator[] = [];
  let currentColour: Colour | undefined;
  const useColour = (colour: Colour) => {
    if (colour !== currentColour) operators.push(setFillingColor(PALETTE[colour]));
    currentColour = colour;
  };
  for (const box of boxes) {
    if (box.kind !== 'fill') continue;
    useColour(box.colour);
    operators.push(
      rectangle(pt(box.x), pt(frame.height - box.y - box.height), pt(box.width), pt(box.height)),
      fill(),
    );
  }
  operators.push(beginText());
  let currentFont = '';
  for (const box of boxes) {
    if (box.kind !== 'text') continue;
    useColour(box.colour);
    const font = `${box.face} ${box.size}`;
    if (font !== currentFont) operators.push(setFontAndSize(FONT_KEYS[box.face], box.size));
    currentFont = font;
    operators.push(
      setTextMatrix(1, 0, 0, 1, pt(box.x), pt(frame.height - box.baseline)),
      showText(fonts[box.face].encodeText(box.text)),
    );
  }
  operators.push(endText());
  return operators;
}

function textsByFace(pages: readonly (readonly Box[])[]): Record<FontFace, string[]> {
  const texts: Record<FontFace, string[]> = { regular: [], bold: [] };
  for (const box of pages.flat()) if (box.kind === 'text') texts[box.face].push(box.text);
  return texts;
}

/**
 * The file identifier (trailer /ID) that archival formats expect, derived
 * from the text shown so that it changes exactly when the content does.
 */
function fileIdentifier(pages: readonly (readonly Box[])[]): PDFHexString {
  const hash = createHash('sha256');
  for (const box of pages.flat()) if (box.kind === 'text') hash.update(`${box.text}\n`);
  return PDFHexString.of(hash.digest('hex').slice(0, 32));
}

function setInfo(doc: PDFDocument, info: DocumentInfo): void {
  const date = new Date(info.date);
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setSubject(info.subject);
  doc.setAuthor(info.author);
  doc.setKeywords([...info.keywords]);
  doc.setProducer('Signing Tracker');
  doc.setCreator('Signing Tracker PDF renderer');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage('en');
}

/** Draws `pages` (boxes in top-down coordinates of `frame`) into a new PDF. */
export async function renderPages(
  pages: readonly (readonly Box[])[],
  frame: PageFrame,
  info: DocumentInfo,
): Promise<Uint8Array> {
  // updateMetadata: false keeps pdf-lib from stamping its own producer and the current time.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc, textsByFace(pages));
  for (const boxes of pages) {
    const page = doc.addPage([frame.width, frame.height]);
    for (const face of ['regular', 'bold'] as const) {
      page.node.setFontDictionary(FONT_KEYS[face], fonts[face].ref);
    }
    page.pushOperators(...pageOperators(boxes, frame, fonts));
  }
  setInfo(doc, info);
  for (const file of info.attachments ?? []) {
    await doc.attach(file.bytes, file.name, {
      mimeType: file.mimeType,
      ...(file.description && { description: file.description }),
      creationDate: new Date(info.date),
      modificationDate: new Date(info.date),
    });
  }
  const id = fileIdentifier(pages);
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  // No ticks between objects (the default waits a timer every 50 objects), and no
  // form appearance pass, which would add an empty AcroForm.
  return doc.save({
    objectsPerTick: Number.POSITIVE_INFINITY,
    updateFieldAppearances: false,
    addDefaultPage: false,
  });
}
