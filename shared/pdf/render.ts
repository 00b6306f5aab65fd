/**
 * Paints laid-out pages with pdf-lib and sets the document's metadata.
 * Everything that ends up in the file derives from the pages and `info`:
 * no clock, no random identifiers, so equal input gives equal bytes.
 */
import { createHash } from 'node:crypto';
import {
  ANNOTATION_FLAGS,
  DEFAULT_BYTE_RANGE_PLACEHOLDER,
  SIG_FLAGS,
  SUBFILTER_ETSI_CADES_DETACHED,
} from '@signpdf/utils';
import {
  AFRelationship,
  PDFArray,
  PDFDocument,
  PDFHexString,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  type PDFRef,
  PDFString,
} from 'pdf-lib';
import { DocumentFonts } from './font-embedding.js';
import { type Box, type Colour, HYPHEN_WIDTH, type PageFrame, type TextBox } from './layout.js';
import type { TypeMetrics } from './shaping.js';
import type { Attachment, SignatureField } from './summary-document.js';

/**
 * Coordinates to 1/100 pt and colour components to 1/1000: far below what
 * print or screen resolve, and they keep the content streams (most of the
 * file, and most of the compression time) about a third shorter.
 */
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const pt = (value: number) => round(value, 2);
const channel = (value: number, shift: number) => round(((value >> shift) & 255) / 255, 3);
const hex = (value: number) => `${channel(value, 16)} ${channel(value, 8)} ${channel(value, 0)}`;

/** Status colours stay distinguishable in greyscale too: each also has its own label. */
/** Fill colours as PDF operands of `rg`. */
const PALETTE: Readonly<Record<Colour, string>> = {
  text: hex(0x1c1c1c),
  muted: hex(0x5a5f66),
  accent: hex(0x1f4e79),
  rule: hex(0xc9ced6),
  bandRule: hex(0x9aa1ab),
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
  /** Files embedded in the document, listed in its EmbeddedFiles name tree and /AF. */
  readonly attachments: readonly Attachment[];
  /** An empty signature field, filled in by the seal after rendering. */
  readonly signatureField?: SignatureField | undefined;
}

/**
 * The operators that draw one line: its runs left to right, the font set
 * when it changes, glyph offsets and shaped advances as TJ adjustments and
 * text rise. Text starts at the pen position set by the caller.
 */
function lineOperators(
  box: TextBox,
  metrics: TypeMetrics,
  fonts: DocumentFonts,
  state: { font: string },
): string[] {
  const operators: string[] = [];
  for (const run of metrics.shape(box.text, box.face, box.direction).runs) {
    const resource = fonts.resource(run.program);
    const font = `${resource.asString()} ${box.size}`;
    if (font !== state.font) operators.push(`${font} Tf`);
    state.font = font;
    const em = run.program.unitsPerEm;
    let pending: string[] = [];
    const flush = () => {
      if (pending.length > 0) operators.push(`[${pending.join('')}] TJ`);
      pending = [];
    };
    for (const glyph of run.glyphs) {
      const code = `<${fonts.code(run.program, glyph)}>`;
      const drawn = run.program.advance(glyph.id) / em;
      if (glyph.dx !== 0 || glyph.dy !== 0) {
        // Move to the mark's place, raise it, draw, and come back to the pen.
        pending.push(`${round(-glyph.dx * 1000, 2)}`);
        flush();
        operators.push(`${pt(glyph.dy * box.size)} Ts ${code.replace(/^</, '[<')}] TJ 0 Ts`);
        pending.push(`${round((drawn - glyph.advance + glyph.dx) * 1000, 2)}`);
        continue;
      }
      pending.push(code);
      if (Math.abs(drawn - glyph.advance) > 1e-9)
        pending.push(`${round((drawn - glyph.advance) * 1000, 2)}`);
    }
    flush();
  }
  return operators;
}

/**
 * A hyphen drawn after a word broken at the line end (its right, or its left
 * in a right-to-left paragraph): a mark on the page, not a character.
 */
function hyphenRect(box: TextBox, frame: PageFrame): string {
  const width = (HYPHEN_WIDTH - 0.1) * box.size;
  const x =
    box.direction === 'rtl' ? box.x - 0.05 * box.size - width : box.x + box.width + 0.05 * box.size;
  const y = frame.height - box.baseline + 0.26 * box.size;
  return `${pt(x)} ${pt(y)} ${pt(width)} ${pt(0.07 * box.size)} re f`;
}

/**
 * The page's content stream. Fills are backgrounds, so they all go first;
 * then all text in one text object, colour and font set only when they
 * change. Text keeps the order of the boxes, which is the order text
 * extraction reads it in.
 */
function pageContent(
  boxes: readonly Box[],
  frame: PageFrame,
  metrics: TypeMetrics,
  fonts: DocumentFonts,
): string {
  const operators: string[] = [];
  let currentColour: Colour | undefined;
  const useColour = (colour: Colour) => {
    if (colour !== currentColour) operators.push(`${PALETTE[colour]} rg`);
    currentColour = colour;
  };
  for (const box of boxes) {
    if (box.kind !== 'fill') continue;
    useColour(box.colour);
    operators.push(
      `${pt(box.x)} ${pt(frame.height - box.y - box.height)} ${pt(box.width)} ${pt(box.height)} re f`,
    );
  }
  for (const box of boxes) {
    if (box.kind !== 'text' || !box.hyphenated) continue;
    useColour(box.colour);
    operators.push(hyphenRect(box, frame));
  }
  operators.push('BT');
  const state = { font: '' };
  for (const box of boxes) {
    if (box.kind !== 'text') continue;
    useColour(box.colour);
    operators.push(`1 0 0 1 ${pt(box.x)} ${pt(frame.height - box.baseline)} Tm`);
    operators.push(...lineOperators(box, metrics, fonts, state));
  }
  operators.push('ET');
  return operators.join('\n');
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

/**
 * Bookmarks (the document outline) for the anchors on the pages, in page
 * order, each opening its page at the anchor's height.
 */
function addOutline(doc: PDFDocument, pages: readonly (readonly Box[])[], frame: PageFrame): void {
  const anchors = pages.flatMap((boxes, pageIndex) =>
    boxes.flatMap((box) => (box.kind === 'anchor' ? [{ box, pageIndex }] : [])),
  );
  if (anchors.length === 0) return;
  const { context } = doc;
  const outlineRef = context.nextRef();
  const refs = anchors.map(() => context.nextRef());
  anchors.forEach(({ box, pageIndex }, i) => {
    const page = doc.getPage(pageIndex);
    const entry = context.obj({
      Title: PDFHexString.fromText(box.title),
      Parent: outlineRef,
      Dest: [page.ref, 'XYZ', null, pt(frame.height - box.y + 4), null],
    });
    if (i > 0) entry.set(PDFName.of('Prev'), refs[i - 1] as PDFRef);
    if (i < refs.length - 1) entry.set(PDFName.of('Next'), refs[i + 1] as PDFRef);
    context.assign(refs[i] as PDFRef, entry);
  });
  context.assign(
    outlineRef,
    context.obj({ Type: 'Outlines', First: refs[0], Last: refs.at(-1), Count: refs.length }),
  );
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * An invisible signature field on page 1 whose dictionary holds zeros for
 * /Contents and a placeholder /ByteRange, written outside any object
 * stream, so that the seal can fill both in the saved bytes (@signpdf/signpdf
 * finds them by their placeholders). The same objects, in the same order, as
 * `@signpdf/placeholder-pdf-lib` writes: that helper is CommonJS and
 * `require`s pdf-lib, which made esbuild wrap all 137 of pdf-lib's modules
 * in lazy initialisers, ~10 ms of every pdf cold start (docs/benchmarks.md).
 */
function addSignatureField(doc: PDFDocument, field: SignatureField): void {
  const { context } = doc;
  const page = doc.getPages()[0]!;
  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER));
  const signature = context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: byteRange,
    // Two hex digits per byte of the CMS to come.
    Contents: PDFHexString.of('\0'.repeat(2 * field.contentsBytes)),
    Reason: PDFString.of(field.reason),
    M: PDFString.fromDate(new Date(field.signedAt)),
    ContactInfo: PDFString.of(''),
    Name: PDFString.of(field.name),
    Location: PDFString.of(''),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' } },
  });
  // Serialised now, as an object of its own: never compressed into an object stream.
  const signatureBytes = new Uint8Array(signature.sizeInBytes());
  signature.copyBytesInto(signatureBytes, 0);
  const signatureRef = context.register(PDFInvalidObject.of(signatureBytes));
  const rect = [0, 0, 0, 0];
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: rect,
      V: signatureRef,
      T: PDFString.of('Signature1'),
      F: ANNOTATION_FLAGS.PRINT,
      P: page.ref,
      // An empty appearance, which PDF/A asks for; Resources avoid an Acrobat bug.
      AP: { N: context.register(context.formXObject([], { BBox: rect, Resources: {} })) },
    }),
  );
  const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? context.obj([]);
  annotations.push(widget);
  page.node.set(PDFName.of('Annots'), annotations);
  const acroForm = context.obj({
    Fields: [widget],
    SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY,
  });
  doc.catalog.set(PDFName.of('AcroForm'), context.register(acroForm));
}

/** Draws `pages` (boxes in top-down coordinates of `frame`) into a new PDF. */
export async function renderPages(
  pages: readonly (readonly Box[])[],
  frame: PageFrame,
  metrics: TypeMetrics,
  info: DocumentInfo,
): Promise<Uint8Array> {
  // updateMetadata: false keeps pdf-lib from stamping its own producer and the current time.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = new DocumentFonts();
  const contents = pages.map((boxes) => pageContent(boxes, frame, metrics, fonts));
  const fontRefs = await fonts.embed(doc);
  for (const content of contents) {
    const page = doc.addPage([frame.width, frame.height]);
    for (const [name, ref] of fontRefs) page.node.setFontDictionary(name, ref);
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(content)));
  }
  setInfo(doc, info);
  addOutline(doc, pages, frame);
  for (const file of info.attachments) {
    await doc.attach(file.bytes, file.name, {
      mimeType: file.mimeType,
      ...(file.description !== undefined && { description: file.description }),
      creationDate: new Date(info.date),
      modificationDate: new Date(info.date),
      afRelationship: AFRelationship.Supplement,
    });
  }
  if (info.signatureField) addSignatureField(doc, info.signatureField);
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
