/**
 * The parts of a TrueType font the summaries need, read from the file's
 * tables: the character map, advance widths, the metrics of the PDF font
 * descriptor, and a subset of the outlines to embed. fontkit can do all of
 * this, but importing it alone costs the pdf function about 100 ms of its
 * cold start, and these reads are a few table lookups; fontkit is kept for
 * what it is made for, OpenType layout of joining scripts (shaping.ts).
 *
 * Table layouts: the OpenType specification (head, hhea, maxp, hmtx, OS/2,
 * post, name, cmap formats 4 and 12, loca, glyf) and WOFF 1.0.
 */
import { inflateSync } from 'node:zlib';

export type Tables = ReadonlyMap<string, Uint8Array>;

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const tagAt = (data: DataView, offset: number) =>
  String.fromCharCode(
    data.getUint8(offset),
    data.getUint8(offset + 1),
    data.getUint8(offset + 2),
    data.getUint8(offset + 3),
  );

/** The tables of a TrueType file (`\0\1\0\0` or `true`) or of a WOFF 1 file wrapping one. */
export function readTables(file: Uint8Array): Tables {
  const data = view(file);
  const signature = tagAt(data, 0);
  const tables = new Map<string, Uint8Array>();
  if (signature === 'wOFF') {
    const count = data.getUint16(12);
    for (let i = 0; i < count; i++) {
      const entry = 44 + 20 * i;
      const offset = data.getUint32(entry + 4);
      const stored = file.subarray(offset, offset + data.getUint32(entry + 8));
      const length = data.getUint32(entry + 12);
      // A plain copy: a Buffer's slice() would share memory, and subsetting edits its copies.
      tables.set(
        tagAt(data, entry),
        stored.length < length ? new Uint8Array(inflateSync(stored)) : stored,
      );
    }
    return tables;
  }
  if (signature !== '\u0000\u0001\u0000\u0000' && signature !== 'true')
    throw new Error('not a TrueType font (nor WOFF 1 wrapping one)');
  const count = data.getUint16(4);
  for (let i = 0; i < count; i++) {
    const entry = 12 + 16 * i;
    const offset = data.getUint32(entry + 8);
    tables.set(tagAt(data, entry), file.subarray(offset, offset + data.getUint32(entry + 12)));
  }
  return tables;
}

function table(tables: Tables, tag: string): DataView {
  const bytes = tables.get(tag);
  if (!bytes) throw new Error(`the font has no ${tag} table`);
  return view(bytes);
}

/** What the PDF font descriptor says about a font, in font units. */
export interface FontMetrics {
  readonly unitsPerEm: number;
  readonly bbox: readonly [number, number, number, number];
  readonly ascent: number;
  /** Negative below the baseline. */
  readonly descent: number;
  /** The ascent when OS/2 does not say (before version 2). */
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  readonly postscriptName: string | undefined;
}

function postscriptName(tables: Tables): string | undefined {
  const bytes = tables.get('name');
  if (!bytes) return undefined;
  const data = view(bytes);
  const strings = data.getUint16(4);
  for (let i = 0; i < data.getUint16(2); i++) {
    const record = 6 + 12 * i;
    if (data.getUint16(record + 6) !== 6) continue;
    const platform = data.getUint16(record);
    const start = strings + data.getUint16(record + 10);
    const text = bytes.subarray(start, start + data.getUint16(record + 8));
    if (platform === 3 || platform === 0) {
      let name = '';
      for (let j = 0; j + 1 < text.length; j += 2)
        name += String.fromCharCode((text[j]! << 8) | text[j + 1]!);
      return name;
    }
    if (platform === 1) return String.fromCharCode(...text);
  }
  return undefined;
}

export function fontMetrics(tables: Tables): FontMetrics {
  const head = table(tables, 'head');
  const hhea = table(tables, 'hhea');
  const os2 = tables.get('OS/2');
  const os2View = os2 && view(os2);
  const ascent = hhea.getInt16(4);
  const modern = os2View !== undefined && os2View.getUint16(0) >= 2;
  const post = tables.get('post');
  return {
    unitsPerEm: head.getUint16(18),
    bbox: [head.getInt16(36), head.getInt16(38), head.getInt16(40), head.getInt16(42)],
    ascent,
    descent: hhea.getInt16(6),
    capHeight: (modern && os2View.getInt16(88)) || ascent,
    xHeight: modern ? os2View.getInt16(86) : 0,
    italicAngle: post ? view(post).getInt32(4) / 65536 : 0,
    postscriptName: postscriptName(tables),
  };
}

/** The cmap's Unicode subtable: format 12 (the whole range) when the font has one, else format 4 (the BMP). */
interface UnicodeSubtable {
  readonly data: DataView;
  readonly format: 4 | 12;
  /** Offset of the subtable in the cmap. */
  readonly at: number;
}

function unicodeSubtable(tables: Tables): UnicodeSubtable {
  const bytes = tables.get('cmap');
  if (!bytes) throw new Error('the font has no cmap table');
  const data = view(bytes);
  const subtables = new Map<string, number>();
  for (let i = 0; i < data.getUint16(2); i++) {
    const record = 4 + 8 * i;
    subtables.set(
      `${data.getUint16(record)}/${data.getUint16(record + 2)}`,
      data.getUint32(record + 4),
    );
  }
  const full = subtables.get('3/10') ?? subtables.get('0/4') ?? subtables.get('0/6');
  if (full !== undefined && data.getUint16(full) === 12) return { data, format: 12, at: full };
  const bmp = subtables.get('3/1') ?? subtables.get('0/3');
  if (bmp === undefined || data.getUint16(bmp) !== 4)
    throw new Error('the font has no Unicode cmap of format 4 or 12');
  return { data, format: 4, at: bmp };
}

/** Format 12's sequential groups, or format 4's segments, as code point ranges with their glyph rule. */
function ranges({ data, format, at }: UnicodeSubtable) {
  if (format === 12) {
    return {
      count: data.getUint32(at + 12),
      first: (i: number) => data.getUint32(at + 16 + 12 * i),
      last: (i: number) => data.getUint32(at + 16 + 12 * i + 4),
      glyph: (i: number, code: number) =>
        data.getUint32(at + 16 + 12 * i + 8) + code - data.getUint32(at + 16 + 12 * i),
    };
  }
  const segments = data.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  return {
    count: segments,
    first: (s: number) => data.getUint16(starts + 2 * s),
    // The closing segment ends at U+FFFF, which maps to nothing.
    last: (s: number) => Math.min(data.getUint16(ends + 2 * s), 0xfffe),
    glyph(s: number, code: number) {
      const delta = data.getUint16(deltas + 2 * s);
      const rangeOffset = data.getUint16(rangeOffsets + 2 * s);
      if (rangeOffset === 0) return (code + delta) & 0xffff;
      const glyph = data.getUint16(
        rangeOffsets + 2 * s + rangeOffset + 2 * (code - data.getUint16(starts + 2 * s)),
      );
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    },
  };
}

/**
 * Code point → glyph id (0 where the font has none), looked up in the cmap
 * as asked: a summary needs a few hundred of DejaVu's 5,900 characters, and
 * building the whole map for both faces took ~20 ms of a cold start.
 */
export function characterLookup(tables: Tables): (codePoint: number) => number {
  const { count, first, last, glyph } = ranges(unicodeSubtable(tables));
  const found = new Map<number, number>();
  return (codePoint) => {
    let id = found.get(codePoint);
    if (id !== undefined) return id;
    id = 0;
    // Ranges are sorted and disjoint: the first whose last code point is not below this one.
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (last(middle) < codePoint) low = middle + 1;
      else high = middle;
    }
    if (low < count && first(low) <= codePoint) id = glyph(low, codePoint);
    found.set(codePoint, id);
    return id;
  };
}

/** Every code point the font draws, with its glyph id (for reading glyphs back to text). */
export function characterMap(tables: Tables): Map<number, number> {
  const { count, first, last, glyph } = ranges(unicodeSubtable(tables));
  const map = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    for (let code = first(i); code <= last(i); code++) {
      const id = glyph(i, code);
      if (id !== 0) map.set(code, id);
    }
  }
  return map;
}

/** Glyph id → advance width in font units (hmtx: the last advance repeats). */
export function advanceWidths(tables: Tables): (glyphId: number) => number {
  const hmtx = table(tables, 'hmtx');
  const count = table(tables, 'hhea').getUint16(34);
  return (glyphId) => hmtx.getUint16(4 * Math.min(glyphId, count - 1));
}

// glyf composite flags (OpenType, glyf table).
const ARGS_ARE_WORDS = 0x0001;
const HAS_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const HAS_X_AND_Y_SCALE = 0x0040;
const HAS_TWO_BY_TWO = 0x0080;

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const data = view(padded);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + data.getUint32(i)) >>> 0;
  return sum;
}

/** An sfnt file of `tables` (sorted by tag, 4-byte aligned, with checksums and head's adjustment). */
function writeSfnt(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const directory = 12 + 16 * tags.length;
  let size = directory;
  for (const tag of tags) size += (tables.get(tag)!.length + 3) & ~3;
  const file = new Uint8Array(size);
  const data = view(file);
  const power = 2 ** Math.floor(Math.log2(tags.length));
  data.setUint32(0, 0x00010000);
  data.setUint16(4, tags.length);
  data.setUint16(6, power * 16);
  data.setUint16(8, Math.log2(power));
  data.setUint16(10, tags.length * 16 - power * 16);
  let offset = directory;
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const bytes = tables.get(tag)!;
    const entry = 12 + 16 * i;
    for (let c = 0; c < 4; c++) data.setUint8(entry + c, tag.charCodeAt(c));
    data.setUint32(entry + 4, checksum(bytes));
    data.setUint32(entry + 8, offset);
    data.setUint32(entry + 12, bytes.length);
    file.set(bytes, offset);
    if (tag === 'head') headOffset = offset;
    offset += (bytes.length + 3) & ~3;
  });
  data.setUint32(headOffset + 8, (0xb1b0afba - checksum(file)) >>> 0);
  return file;
}

/**
 * A TrueType font holding only `glyphIds` (and the glyphs their composites
 * are built from), renumbered in order of first appearance after .notdef;
 * the tables a PDF viewer reads from an embedded TrueType program (ISO
 * 32000-1, 9.9: head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm).
 * Returns the file and each requested glyph's id in it.
 */
export function subsetTrueType(
  tables: Tables,
  glyphIds: readonly number[],
): { bytes: Uint8Array; gids: number[] } {
  const head = table(tables, 'head');
  const glyf = tables.get('glyf');
  const locaBytes = tables.get('loca');
  if (!glyf || !locaBytes) throw new Error('the font has no TrueType outlines (glyf, loca)');
  const loca = view(locaBytes);
  const long = head.getInt16(50) === 1;
  const location = (id: number) => (long ? loca.getUint32(4 * id) : 2 * loca.getUint16(2 * id));
  const hmtx = table(tables, 'hmtx');
  const metricsCount = table(tables, 'hhea').getUint16(34);
  const advance = advanceWidths(tables);
  const leftBearing = (id: number) =>
    id < metricsCount
      ? hmtx.getInt16(4 * id + 2)
      : hmtx.getInt16(4 * metricsCount + 2 * (id - metricsCount));

  const order: number[] = [];
  const newId = new Map<number, number>();
  const include = (id: number) => {
    let assigned = newId.get(id);
    if (assigned === undefined) {
      assigned = order.length;
      newId.set(id, assigned);
      order.push(id);
    }
    return assigned;
  };
  include(0);
  const gids = glyphIds.map(include);

  // Composites name their components by glyph id: copy, renumber, and include them.
  const outlines: Uint8Array[] = [];
  for (let index = 0; index < order.length; index++) {
    const id = order[index]!;
    const outline = new Uint8Array(glyf.subarray(location(id), location(id + 1)));
    if (outline.length >= 10 && view(outline).getInt16(0) < 0) {
      const data = view(outline);
      let at = 10;
      let flags: number;
      do {
        flags = data.getUint16(at);
        data.setUint16(at + 2, include(data.getUint16(at + 2)));
        at += 4 + (flags & ARGS_ARE_WORDS ? 4 : 2);
        if (flags & HAS_SCALE) at += 2;
        else if (flags & HAS_X_AND_Y_SCALE) at += 4;
        else if (flags & HAS_TWO_BY_TWO) at += 8;
      } while (flags & MORE_COMPONENTS);
    }
    outlines.push(outline);
  }

  const glyfSize = outlines.reduce((sum, outline) => sum + ((outline.length + 3) & ~3), 0);
  const newGlyf = new Uint8Array(glyfSize);
  const newLoca = view(new Uint8Array(4 * (order.length + 1)));
  const newHmtx = view(new Uint8Array(4 * order.length));
  let offset = 0;
  outlines.forEach((outline, i) => {
    newLoca.setUint32(4 * i, offset);
    newGlyf.set(outline, offset);
    offset += (outline.length + 3) & ~3;
    newHmtx.setUint16(4 * i, advance(order[i]!));
    newHmtx.setInt16(4 * i + 2, leftBearing(order[i]!));
  });
  newLoca.setUint32(4 * order.length, offset);

  const copy = (tag: string) => {
    const bytes = tables.get(tag);
    if (!bytes) throw new Error(`the font has no ${tag} table`);
    return new Uint8Array(bytes);
  };
  const newHead = copy('head');
  view(newHead).setUint32(8, 0);
  view(newHead).setInt16(50, 1);
  const newHhea = copy('hhea');
  view(newHhea).setUint16(34, order.length);
  const newMaxp = copy('maxp');
  view(newMaxp).setUint16(4, order.length);
  const out = new Map<string, Uint8Array>([
    ['head', newHead],
    ['hhea', newHhea],
    ['maxp', newMaxp],
    ['loca', new Uint8Array(newLoca.buffer)],
    ['glyf', newGlyf],
    ['hmtx', new Uint8Array(newHmtx.buffer)],
  ]);
  for (const tag of ['cvt ', 'fpgm', 'prep']) {
    const bytes = tables.get(tag);
    if (bytes) out.set(tag, bytes);
  }
  return { bytes: writeSfnt(out), gids };
}
