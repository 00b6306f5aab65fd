/**
 * From a line of text to the glyphs that draw it, left to right: which font
 * each character comes from (DejaVu, else the CJK fallback, else a visible
 * mark), the Unicode bidirectional algorithm for right-to-left and mixed
 * lines (bidi-js), and OpenType shaping of Arabic into its joined forms
 * (fontkit's layout: GSUB init/medi/fina, lam-alef ligatures, GPOS marks),
 * with fontkit imported only for a document that has such text.
 *
 * Every glyph carries the characters it stands for, in logical order, so
 * that the text layer gives back exactly the text: that mapping is computed
 * here from the input, never read from fontkit's glyph objects, which fontkit
 * caches per glyph id with the characters of the first string that produced
 * them (DejaVu draws Latin "x" and Cyrillic "х" with one glyph).
 */
import bidiModule from 'bidi-js';
import type * as Fontkit from 'fontkit';
import { type FontFace, type FontProgram, fallbackFont, primaryFont } from './fonts.js';

export interface ShapedGlyph {
  readonly id: number;
  /** The characters this glyph stands for, in logical order. */
  readonly text: string;
  /** How far the pen moves after it, in em. */
  readonly advance: number;
  /** Displacement from the pen position, in em (marks placed on their base). */
  readonly dx: number;
  readonly dy: number;
}

/** Consecutive glyphs of one font, in visual (left-to-right) order. */
export interface ShapedRun {
  readonly program: FontProgram;
  readonly glyphs: readonly ShapedGlyph[];
}

export interface ShapedText {
  /** In visual order. */
  readonly runs: readonly ShapedRun[];
  /** Total advance in em. */
  readonly width: number;
  /** Characters no font has: drawn as {@link UNPRINTABLE_MARK}, kept in the text layer. */
  readonly unprintable: readonly string[];
}

/** What is drawn for a character that no font has (DejaVu's replacement character). */
export const UNPRINTABLE_MARK = '\uFFFD';

// bidi-js is a UMD module whose module.exports is the factory; its types declare it as `default`.
const bidi = (bidiModule as unknown as typeof bidiModule.default)();

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, NKo, …, presentation forms). */
const RIGHT_TO_LEFT =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Scripts whose letters change shape with their neighbours, so that runs of them are shaped. */
const JOINING = /[\u0600-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]/u;

/** The zero-width non-joiner and joiner, which a name may carry between joining letters. */
const JOINER = /[\u200C\u200D]/u;

const COMBINING_MARK = /^\p{M}$/u;

/**
 * fontkit, the OpenType layout engine, once a document has joining text:
 * its import alone is about 100 ms of the pdf function's cold start, and
 * most documents never need it.
 */
let layoutEngine: typeof Fontkit | undefined;
const layoutFonts = new WeakMap<FontProgram, Fontkit.Font>();

function layoutFont(program: FontProgram): Fontkit.Font {
  if (!layoutEngine)
    throw new Error(
      'joining text outside the content typeMetrics was given: fontkit is not loaded',
    );
  let font = layoutFonts.get(program);
  if (!font) {
    const file = program.file;
    const created = layoutEngine.create(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
    if (!('layout' in created)) throw new Error(`${program.name} is a font collection, not a font`);
    font = created;
    layoutFonts.set(program, font);
  }
  return font;
}

/** Whether a string anywhere in `value` (objects and arrays; not binary data) has joining text. */
function hasJoiningText(value: unknown): boolean {
  if (typeof value === 'string') return JOINING.test(value);
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return false;
  return Object.values(value).some(hasJoiningText);
}

interface Piece {
  readonly text: string;
  readonly level: number;
  readonly program: FontProgram;
  readonly shaped: boolean;
  readonly unprintable: boolean;
}

/** The font that draws `character`, undefined if none can; `previous` drew the character before. */
function fontFor(
  character: string,
  face: FontFace,
  previous: FontProgram | undefined,
): FontProgram | undefined {
  const codePoint = character.codePointAt(0) ?? 0;
  // A combining mark stays in its base's font when that font has it.
  if (previous && COMBINING_MARK.test(character) && previous.glyphId(codePoint) !== 0) {
    return previous;
  }
  const primary = primaryFont(face);
  if (primary.glyphId(codePoint) !== 0) return primary;
  return fallbackFont(codePoint, face);
}

/** Splits logical text into pieces of one level, one font and one shaping mode. */
function itemize(text: string, face: FontFace, levels: Uint8Array | undefined): Piece[] {
  const pieces: Piece[] = [];
  let index = 0;
  let current:
    | { text: string; level: number; program: FontProgram; shaped: boolean; unprintable: boolean }
    | undefined;
  for (const character of text) {
    const level = levels?.[index] ?? 0;
    index += character.length;
    const program = fontFor(character, face, current?.unprintable ? undefined : current?.program);
    const unprintable = program === undefined;
    const resolved = program ?? primaryFont(face);
    // A joiner stays in the joining run it is in: shapedGlyphs shapes around it.
    const shaped =
      !unprintable &&
      (JOINING.test(character) || (JOINER.test(character) && current?.shaped === true));
    if (
      current &&
      current.level === level &&
      current.program === resolved &&
      current.shaped === shaped &&
      current.unprintable === unprintable &&
      !unprintable
    ) {
      current.text += character;
      continue;
    }
    current = { text: character, level, program: resolved, shaped, unprintable };
    pieces.push(current);
  }
  return pieces;
}

/** One glyph per character, from the cmap: exact, and all most text needs. */
function glyphsByCharacter(piece: Piece): ShapedGlyph[] {
  const { program } = piece;
  const rtl = piece.level % 2 === 1;
  const glyphs: ShapedGlyph[] = [];
  for (const character of piece.text) {
    const drawn = piece.unprintable
      ? UNPRINTABLE_MARK
      : rtl
        ? (bidi.getMirroredCharacter(character) ?? character)
        : character;
    const id = program.glyphId(drawn.codePointAt(0) ?? 0);
    glyphs.push({
      id,
      text: character,
      advance: program.advance(id) / program.unitsPerEm,
      dx: 0,
      dy: 0,
    });
  }
  return glyphs;
}

const reverseCmaps = new WeakMap<FontProgram, Map<number, string[]>>();

/**
 * Glyph id → the texts it stands for according to the font's own cmap,
 * presentation forms (U+FB50–U+FEFF) normalised to the letters they are
 * forms of: the initial form of beh is "ب", the lam-alef ligature "لا".
 */
function textsOfGlyphs(program: FontProgram): Map<number, string[]> {
  let map = reverseCmaps.get(program);
  if (!map) {
    map = new Map();
    for (const [codePoint, id] of program.characters) {
      const text = String.fromCodePoint(codePoint).normalize('NFKC');
      const texts = map.get(id);
      if (texts) texts.push(text);
      else map.set(id, [text]);
    }
    reverseCmaps.set(program, map);
  }
  return map;
}

/**
 * Arabic shaped by the font's OpenType tables. Each output glyph must be
 * accounted for by the characters it replaced, in order; when that cannot be
 * shown (a glyph the cmap does not name), the piece is drawn unjoined
 * rather than with a text layer that might lie.
 */
function shapedGlyphs(piece: Piece): ShapedGlyph[] {
  const joiners = piece.text.split(JOINER);
  if (joiners.length > 1) return shapedAroundJoiners(piece, joiners);
  const { program } = piece;
  const run = layoutFont(program).layout(piece.text);
  const texts = textsOfGlyphs(program);
  // fontkit returns right-to-left runs in visual order; walk them logically.
  const logical = run.glyphs
    .map((glyph, i) => ({ id: glyph.id, position: run.positions[i] }))
    .reverse();
  const glyphs: ShapedGlyph[] = [];
  let offset = 0;
  for (const { id, position } of logical) {
    const text = texts.get(id)?.find((candidate) => piece.text.startsWith(candidate, offset));
    if (!text || !position) return glyphsByCharacter(piece).reverse();
    offset += text.length;
    const em = program.unitsPerEm;
    glyphs.push({
      id,
      // pdftotext and pdf.js read right-to-left text in visual order and reverse it,
      // characters of a ligature included: store those in visual order too.
      text: [...text].reverse().join(''),
      advance: position.xAdvance / em,
      dx: position.xOffset / em,
      dy: position.yOffset / em,
    });
  }
  if (offset !== piece.text.length) return glyphsByCharacter(piece).reverse();
  return glyphs.reverse();
}

/**
 * A joining run with joiners in it, shaped part by part: fontkit's layout
 * leaves every letter of such a run unjoined. A part ends where a joiner
 * is, which is what a non-joiner asks for (a joiner's forced join is not
 * drawn); the joiner draws nothing and rides, in the text layer, on the
 * glyph of the letter before it, so that readers keep the word whole.
 */
function shapedAroundJoiners(piece: Piece, parts: readonly string[]): ShapedGlyph[] {
  const joiners = [...piece.text].filter((character) => JOINER.test(character));
  const rtl = piece.level % 2 === 1;
  // The parts in logical order, each one's glyphs in visual order.
  const shaped: ShapedGlyph[][] = [];
  parts.forEach((part, index) => {
    if (part !== '') shaped.push(shapedGlyphs({ ...piece, text: part }));
    // The joiner after this part rides on the last letter before it: visually first in a
    // right-to-left part, whose glyph texts are stored in visual order too.
    const joiner = joiners[index];
    const glyphs = shaped.at(-1);
    const at = rtl ? 0 : (glyphs?.length ?? 0) - 1;
    const last = glyphs?.[at];
    if (!joiner || !glyphs || !last) return;
    glyphs[at] = { ...last, text: rtl ? `${joiner}${last.text}` : `${last.text}${joiner}` };
  });
  return (rtl ? shaped.reverse() : shaped).flat();
}

/** The piece's glyphs in visual order. */
function piecesGlyphs(piece: Piece): ShapedGlyph[] {
  if (piece.shaped) return shapedGlyphs(piece);
  const glyphs = glyphsByCharacter(piece);
  return piece.level % 2 === 1 ? glyphs.reverse() : glyphs;
}

/**
 * Rule L2 of the bidi algorithm on whole pieces (each has one level): from
 * the highest level down to the lowest odd one, reverse every maximal
 * sequence of pieces at that level or above.
 */
function visualOrder(pieces: readonly Piece[]): Piece[] {
  const ordered = [...pieces];
  const levels = ordered.map((piece) => piece.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((level) => level % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    let start = 0;
    while (start < ordered.length) {
      if ((ordered[start]?.level ?? 0) < level) {
        start++;
        continue;
      }
      let end = start;
      while (end < ordered.length && (ordered[end]?.level ?? 0) >= level) end++;
      const reversed = ordered.slice(start, end).reverse();
      ordered.splice(start, end - start, ...reversed);
      start = end;
    }
  }
  return ordered;
}

/** Which way a paragraph runs: a line of it is ordered in its paragraph's direction. */
export type TextDirection = 'ltr' | 'rtl';

/** A paragraph's direction, from its first strong character (UAX #9, P2 and P3). */
function paragraphDirection(text: string): TextDirection {
  if (!RIGHT_TO_LEFT.test(text)) return 'ltr';
  return (bidi.getEmbeddingLevels(text).paragraphs[0]?.level ?? 0) % 2 === 1 ? 'rtl' : 'ltr';
}

/**
 * Shapes one line of cleaned text set in `face`, ordered as a line of a
 * paragraph running `direction`: a wrapped line must not guess its own (a
 * left-to-right paragraph's line that starts with an Arabic word is still
 * read left to right).
 */
export function shapeLine(
  text: string,
  face: FontFace,
  direction: TextDirection = 'ltr',
): ShapedText {
  const levels = RIGHT_TO_LEFT.test(text)
    ? bidi.getEmbeddingLevels(text, direction).levels
    : undefined;
  const pieces = itemize(text, face, levels);
  const runs: ShapedRun[] = [];
  const unprintable: string[] = [];
  let width = 0;
  for (const piece of visualOrder(pieces)) {
    if (piece.unprintable) unprintable.push(...piece.text);
    const glyphs = piecesGlyphs(piece);
    for (const glyph of glyphs) width += glyph.advance;
    const last = runs.at(-1);
    if (last && last.program === piece.program)
      runs[runs.length - 1] = { program: last.program, glyphs: [...last.glyphs, ...glyphs] };
    else runs.push({ program: piece.program, glyphs });
  }
  return { runs, width, unprintable };
}

/** What layout needs to know about the type: widths as drawn, and vertical metrics. */
export interface TypeMetrics {
  /** Width in points of one line of cleaned text (see `cleanText`) in `face` at `size`. */
  width(text: string, face: FontFace, size: number): number;
  /** Characters of `text` that no font can print, in order of appearance. */
  unprintable(text: string, face: FontFace): string[];
  /** The glyphs of one line of a paragraph running `direction` (default ltr), as drawn. */
  shape(text: string, face: FontFace, direction?: TextDirection): ShapedText;
  /** Which way a paragraph of cleaned text runs. */
  direction(text: string): TextDirection;
  /** Distance from baseline to the top of the line's glyphs, as a fraction of the size. */
  readonly ascent: number;
  /** Distance from baseline to the bottom (positive), as a fraction of the size. */
  readonly descent: number;
}

/**
 * Width of a line in em without building its glyphs: layout measures far
 * more candidate lines than are drawn. Lines without right-to-left or
 * joining characters are one glyph per character, from the same fonts
 * `shapeLine` picks, so the sum of advances is exactly what is drawn.
 */
function lineWidth(text: string, face: FontFace): number {
  if (RIGHT_TO_LEFT.test(text) || JOINING.test(text)) return shapeLine(text, face).width;
  const primary = primaryFont(face);
  let width = 0;
  let previous: FontProgram | undefined;
  for (const character of text) {
    const program = fontFor(character, face, previous);
    const resolved = program ?? primary;
    const id = resolved.glyphId((program ? character : UNPRINTABLE_MARK).codePointAt(0) ?? 0);
    width += resolved.advance(id) / resolved.unitsPerEm;
    previous = program;
  }
  return width;
}

/** Metrics of the summaries' type, for a document whose every text is somewhere in `content`. */
export async function typeMetrics(content?: unknown): Promise<TypeMetrics> {
  if (!layoutEngine && hasJoiningText(content)) layoutEngine = await import('fontkit');
  const { ascent, descent, unitsPerEm } = primaryFont('regular').metrics;
  return {
    width: (text, face, size) => lineWidth(text, face) * size,
    unprintable(text, face) {
      const missing: string[] = [];
      let previous: FontProgram | undefined;
      for (const character of text) {
        previous = fontFor(character, face, previous);
        if (!previous) missing.push(character);
      }
      return missing;
    },
    shape: shapeLine,
    direction: paragraphDirection,
    ascent: ascent / unitsPerEm,
    descent: -descent / unitsPerEm,
  };
}
