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
import fontkit, { type Font } from '@pdf-lib/fontkit';
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

/**
 * Ligatures off: one glyph per character keeps the drawn widths equal to the
 * per-character widths layout measures, and keeps copy-paste free of
 * ligature glyphs. fontkit mutates the object it is given, so each call gets
 * a fresh one.
 */
const shapingFeatures = () => ({ liga: false });

interface LoadedFace {
  readonly bytes: Uint8Array;
  readonly font: Font;
  /** Advance width per code point in font units: layout asks for the same few characters often. */
  readonly advances: Map<number, number>;
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

function loadFace(directory: string, face: FontFace): LoadedFace {
  const bytes = new Uint8Array(readFileSync(join(directory, FILES[face])));
  return { bytes, font: fontkit.create(bytes), advances: new Map() };
}

/** Reads and parses both faces on first use; later documents reuse them (one read per process). */
function faces(): Readonly<Record<FontFace, LoadedFace>> {
  if (!loaded) {
    const directory = fontDirectory();
    loaded = { regular: loadFace(directory, 'regular'), bold: loadFace(directory, 'bold') };
  }
  return loaded;
}

function advanceOf(face: LoadedFace, codePoint: number): number {
  let advance = face.advances.get(codePoint);
  if (advance === undefined) {
    advance = face.font.glyphForCodePoint(codePoint).advanceWidth;
    face.advances.set(codePoint, advance);
  }
  return advance;
}

/**
 * Metrics of the loaded faces. Widths are sums of advance widths, which is
 * exactly what pdf-lib draws: it ignores kerning, and ligatures are off.
 */
export function typeMetrics(): TypeMetrics {
  const { regular, bold } = faces();
  const byFace: Readonly<Record<FontFace, LoadedFace>> = { regular, bold };
  const unitsPerEm = regular.font.unitsPerEm;
  return {
    width(text, face, size) {
      const loadedFace = byFace[face];
      let units = 0;
      for (const character of text) units += advanceOf(loadedFace, character.codePointAt(0) ?? 0);
      return (units * size) / unitsPerEm;
    },
    ascent: regular.font.ascent / unitsPerEm,
    descent: -regular.font.descent / unitsPerEm,
  };
}

/**
 * A fontkit for `registerFontkit` that hands out the already parsed fonts.
 * pdf-lib calls `create(bytes)` for every embedding; parsing DejaVu and
 * building its shaping tables again for each document is most of the cost
 * of a small PDF. Sharing is safe: pdf-lib keeps per-document state in its
 * own subset object, and fontkit's per-font caches only depend on the font.
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
export function subsetTag(texts: Iterable<string>): string {
  const codePoints = new Set<number>();
  for (const text of texts) for (const character of text) codePoints.add(character.codePointAt(0) ?? 0);
  const digest = createHash('sha256')
    .update([...codePoints].sort((a, b) => a - b).join(','))
    .digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
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
    doc.embedFont(face.bytes, {
      subset: true,
      customName: `${subsetTag(texts)}+${name}`,
      features: shapingFeatures(),
    });
  return {
    regular: await embed(regular, 'DejaVuSans', textsByFace.regular),
    bold: await embed(bold, 'DejaVuSans-Bold', textsByFace.bold),
  };
}
