/**
 * The type every summary is set in. DejaVu Sans regular and bold cover
 * Latin (Azerbaijani, Turkish, Uzbek), Cyrillic (Kazakh, Kyrgyz, Russian),
 * Greek, Arabic and Hebrew; Noto Sans SC (Chinese, and the Japanese kana
 * it includes; not Korean hangul, which its range files leave out and the
 * page then marks as unprintable) is the fallback for what DejaVu lacks. Noto
 * comes as about a hundred small files by Unicode range, and only the files
 * a document's characters fall in are read, on first need: a summary without
 * CJK text never touches them.
 *
 * Licences: ./fonts/LICENSE-DejaVu.txt (Bitstream Vera licence, DejaVu
 * changes public domain) and the SIL Open Font License of Noto Sans SC
 * (LICENSE in the @fontsource/noto-sans-sc package), shipped with the files.
 *
 * This module holds parsed fonts only: everything it caches depends on the
 * font files alone, never on what was rendered before, so documents come
 * out the same whatever a process did earlier.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  advanceWidths,
  characterLookup,
  characterMap,
  type FontMetrics,
  fontMetrics,
  readTables,
  type Tables,
} from './sfnt.js';

export type FontFace = 'regular' | 'bold';

/** A parsed font file, with what the renderer needs to know about it. */
export interface FontProgram {
  /** Stable name, unique per file: the PDF font resource is named after it. */
  readonly name: string;
  /** The file as read (TrueType or WOFF 1), for the OpenType layout engine. */
  readonly file: Uint8Array;
  readonly tables: Tables;
  readonly metrics: FontMetrics;
  readonly unitsPerEm: number;
  /** Code point → glyph id, for every character the font has (built on first read). */
  readonly characters: ReadonlyMap<number, number>;
  /** Glyph id for a code point, 0 (.notdef) when the font lacks it. */
  glyphId(codePoint: number): number;
  /** Advance width of a glyph in font units. */
  advance(glyphId: number): number;
}

function program(name: string, file: Uint8Array): FontProgram {
  const tables = readTables(file);
  const metrics = fontMetrics(tables);
  let characters: Map<number, number> | undefined;
  return {
    name,
    file,
    tables,
    metrics,
    unitsPerEm: metrics.unitsPerEm,
    get characters() {
      characters ??= characterMap(tables);
      return characters;
    },
    glyphId: characterLookup(tables),
    advance: advanceWidths(tables),
  };
}

const DEJAVU_FILES: Readonly<Record<FontFace, string>> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
};

/** The Noto Sans SC weight used for each face. */
const NOTO_WEIGHTS: Readonly<Record<FontFace, number>> = { regular: 400, bold: 700 };

/** Subfolder of the font directory holding Noto Sans SC (`unicode.json`, `files/`). */
export const NOTO_SANS_SC_FOLDER = 'noto-sans-sc';

/**
 * In Lambda the CDK stack copies the fonts next to the bundle and sets
 * `PDF_FONT_DIR` (DejaVu's TTFs there, Noto under `noto-sans-sc/`);
 * elsewhere they come from the `dejavu-fonts-ttf` and
 * `@fontsource/noto-sans-sc` packages, resolved only when the variable is
 * unset because a bundle has no node_modules.
 */
function fontLocations(): { dejavu: string; noto: string } {
  const configured = process.env.PDF_FONT_DIR;
  if (configured) return { dejavu: configured, noto: join(configured, NOTO_SANS_SC_FOLDER) };
  const require = createRequire(import.meta.url);
  return {
    dejavu: join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf'),
    noto: dirname(require.resolve('@fontsource/noto-sans-sc/package.json')),
  };
}

let primaries: Readonly<Record<FontFace, FontProgram>> | undefined;

/** DejaVu Sans in `face`, read and parsed on first use (one read per process). */
export function primaryFont(face: FontFace): FontProgram {
  if (!primaries) {
    const { dejavu } = fontLocations();
    const load = (f: FontFace) =>
      program(
        DEJAVU_FILES[f].replace('.ttf', ''),
        new Uint8Array(readFileSync(join(dejavu, DEJAVU_FILES[f]))),
      );
    primaries = { regular: load('regular'), bold: load('bold') };
  }
  return primaries[face];
}

interface RangeFile {
  /** The file's subset key in `unicode.json`, e.g. `57` of `[57]`. */
  readonly key: string;
  readonly ranges: readonly (readonly [number, number])[];
}

let notoIndex: readonly RangeFile[] | undefined;
const notoPrograms = new Map<string, FontProgram>();
const fileOfCodePoint = new Map<number, RangeFile | null>();

/** `U+4e00-4e5f,U+4e61` → [[0x4e00, 0x4e5f], [0x4e61, 0x4e61]] */
function parseUnicodeRange(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const [from = '0', to = from] = part.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(from, 16), Number.parseInt(to, 16)];
  });
}

function notoFiles(): readonly RangeFile[] {
  if (!notoIndex) {
    const { noto } = fontLocations();
    const index = JSON.parse(readFileSync(join(noto, 'unicode.json'), 'utf8')) as Record<
      string,
      string
    >;
    notoIndex = Object.entries(index).map(([key, range]) => ({
      key: key.replace(/[[\]]/g, ''),
      ranges: parseUnicodeRange(range),
    }));
  }
  return notoIndex;
}

/**
 * The Noto Sans SC file (in `face`'s weight) that covers `codePoint`, or
 * undefined when none does. WOFF 1 rather than WOFF2: its zlib tables
 * decode without the Brotli decoder and its dictionary.
 */
export function fallbackFont(codePoint: number, face: FontFace): FontProgram | undefined {
  let file = fileOfCodePoint.get(codePoint);
  if (file === undefined) {
    file =
      notoFiles().find(({ ranges }) =>
        ranges.some(([from, to]) => codePoint >= from && codePoint <= to),
      ) ?? null;
    fileOfCodePoint.set(codePoint, file);
  }
  if (!file) return undefined;
  const name = `NotoSansSC-${NOTO_WEIGHTS[face]}-${file.key}`;
  let loaded = notoPrograms.get(name);
  if (!loaded) {
    const { noto } = fontLocations();
    const path = join(noto, 'files', `noto-sans-sc-${file.key}-${NOTO_WEIGHTS[face]}-normal.woff`);
    loaded = program(name, new Uint8Array(readFileSync(path)));
    notoPrograms.set(name, loaded);
  }
  return loaded.glyphId(codePoint) === 0 ? undefined : loaded;
}
