/**
 * The two faces every summary is set in: DejaVu Sans regular and bold, which
 * cover Latin (Azerbaijani, Turkish, Uzbek) and Cyrillic (Kazakh, Kyrgyz,
 * Russian). Licence: ./fonts/LICENSE-DejaVu.txt (Bitstream Vera licence,
 * DejaVu changes public domain), to be shipped wherever the TTFs are.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit, { type Font, type Glyph, type GlyphRun } from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export type FontFace = 'regular' | 'bold';

/** What layout needs to know about the type: advance widths and vertical metrics. */
export interface TypeMetrics {
  /** Width in points of `text` (already cleaned, see `cleanText`) set in `face` at `size`. */
  width(text: string, face: FontFace, size: number): number;
  /** Distance from baseline to the top of the line's glyphs, as a fraction of the size. */
  readonly ascent: number;
  /** Distance from baseline to the bottom (positive), as a fraction of the size. */
  readonly descent: number;
}

const FILES: Readonly<Record<FontFace, string>> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
};

interface LoadedFace {
  readonly bytes: Uint8Array;
  /** The parsed font as pdf-lib sees it, see `withoutShaping`. */
  readonly font: Font;
  /** The glyph for a character, memoised: fontkit's cmap lookup is slow and tables repeat letters. */
  readonly glyphOf: (character: string) => Glyph;
}

let loaded: Readonly<Record<FontFace, LoadedFace>> | undefined;

/**
 * In Lambda the CDK stack copies the TTFs next to the bundle and sets
 * `PDF_FONT_DIR`; elsewhere they come from the `dejavu-fonts-ttf` package.
 * The package is only resolved when the variable is unset, because a bundle
 * has no node_modules to resolve it in.
 */
function fontDirectory(): string {
  const configured = process.env.PDF_FONT_DIR;
  if (configured) return configured;
  const packageJson = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
  return join(dirname(packageJson), 'ttf');
}

const REPLACEMENT_CHARACTER = 0xfffd;

/**
 * Finds the glyph drawn for a character: U+FFFD "�" for the few DejaVu lacks (CJK,
 * for one). Not .notdef: pdf-lib leaves it out of the text layer and of the
 * widths, so the character would vanish from copy-paste and be drawn wider
 * than measured; "�" at least tells the reader something is missing.
 */
function glyphLookup(font: Font): (character: string) => Glyph {
  const glyphs = new Map<string, Glyph>();
  return (character) => {
    let glyph = glyphs.get(character);
    if (!glyph) {
      const codePoint = character.codePointAt(0) ?? REPLACEMENT_CHARACTER;
      glyph = font.glyphForCodePoint(
        font.hasGlyphForCodePoint(codePoint) ? codePoint : REPLACEMENT_CHARACTER,
      );
      glyphs.set(character, glyph);
    }
    return glyph;
  };
}

/**
 * The parsed font with OpenType shaping replaced by a plain cmap lookup, one
 * glyph per code point. pdf-lib shapes every string it draws, which costs
 * most of the rendering time of a long table, yet for Latin and Cyrillic in
 * NFC (see `cleanText`) DejaVu's shaping only adds kerning, which pdf-lib
 * ignores, and ligatures, which we do not want: with one glyph per code
 * point drawn widths equal measured ones and copy-paste gives back exactly
 * the characters of a name. Everything else is the font itself, through
 * the prototype.
 */
function withoutShaping(font: Font, glyphOf: (character: string) => Glyph): Font {
  const unshaped: Font = Object.create(font);
  // pdf-lib reads only `glyphs` of the run.
  unshaped.layout = (text) => ({ glyphs: Array.from(text, glyphOf) }) as GlyphRun;
  return unshaped;
}

function loadFace(directory: string, face: FontFace): LoadedFace {
  const bytes = new Uint8Array(readFileSync(join(directory, FILES[face])));
  const font = fontkit.create(bytes);
  const glyphOf = glyphLookup(font);
  return { bytes, font: withoutShaping(font, glyphOf), glyphOf };
}

/** Reads and parses both faces on first use; later documents reuse them (one read per process). */
function faces(): Readonly<Record<FontFace, LoadedFace>> {
  if (!loaded) {
    const directory = fontDirectory();
    loaded = { regular: loadFace(directory, 'regular'), bold: loadFace(directory, 'bold') };
  }
  return loaded;
}

/** Metrics of the loaded faces. Widths are sums of advance widths, exactly as drawn. */
export function typeMetrics(): TypeMetrics {
  const { regular, bold } = faces();
  const byFace: Readonly<Record<FontFace, LoadedFace>> = { regular, bold };
  const unitsPerEm = regular.font.unitsPerEm;
  return {
    width(text, face, size) {
      const { glyphOf } = byFace[face];
      let units = 0;
      for (const character of text) units += glyphOf(character).advanceWidth;
      return (units * size) / unitsPerEm;
    },
    ascent: regular.font.ascent / unitsPerEm,
    descent: -regular.font.descent / unitsPerEm,
  };
}

/**
 * A fontkit for `registerFontkit` that hands out the already parsed fonts.
 * pdf-lib calls `create(bytes)` for every embedding; parsing DejaVu and
 * decoding its glyphs again for each document would dominate small PDFs.
 * Sharing is safe: pdf-lib keeps per-document state in its own subset
 * object, fontkit's caches depend only on the font, and subset encoding
 * runs synchronously, so concurrent renders cannot interleave inside it.
 */
const cachingFontkit: Parameters<PDFDocument['registerFontkit']>[0] = {
  create(bytes) {
    const face = Object.values(faces()).find((candidate) => candidate.bytes === bytes);
    if (!face) throw new Error('Only the loaded DejaVu faces can be embedded.');
    return face.font;
  },
};

/**
 * PDF subset fonts are named `TAG+Name` with a six-letter tag that should
 * differ between different subsets, so that tools merging PDFs do not mix
 * them up. Deriving it from the characters used keeps documents
 * deterministic.
 */
function subsetTag(texts: Iterable<string>): string {
  const codePoints = new Set<number>();
  for (const text of texts)
    for (const character of text) codePoints.add(character.codePointAt(0) ?? 0);
  const digest = createHash('sha256')
    .update([...codePoints].sort((a, b) => a - b).join(','))
    .digest();
  const letters = Array.from(digest.subarray(0, 6), (byte) =>
    String.fromCharCode(65 + (byte % 26)),
  );
  return letters.join('');
}

export type EmbeddedFonts = Readonly<Record<FontFace, PDFFont>>;

/**
 * Embeds both faces as subsets. `textsByFace` is every string the document
 * will draw in each face; it only names the subsets.
 */
export async function embedFonts(
  doc: PDFDocument,
  textsByFace: Readonly<Record<FontFace, readonly string[]>>,
): Promise<EmbeddedFonts> {
  const { regular, bold } = faces();
  doc.registerFontkit(cachingFontkit);
  const embed = (face: LoadedFace, name: string, texts: readonly string[]) =>
    doc.embedFont(face.bytes, { subset: true, customName: `${subsetTag(texts)}+${name}` });
  return {
    regular: await embed(regular, 'DejaVuSans', textsByFace.regular),
    bold: await embed(bold, 'DejaVuSans-Bold', textsByFace.bold),
  };
}
