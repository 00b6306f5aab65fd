import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import {
  advanceWidths,
  characterLookup,
  characterMap,
  fontMetrics,
  readTables,
  subsetTrueType,
} from '../../../shared/pdf/sfnt.js';

// fontkit, a full OpenType implementation, is the oracle for what sfnt.ts reads.
const require = createRequire(import.meta.url);
const dejavu = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const noto = join(dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
const FILES = {
  'DejaVu Sans (TrueType)': join(dejavu, 'DejaVuSans.ttf'),
  'DejaVu Sans Bold (TrueType)': join(dejavu, 'DejaVuSans-Bold.ttf'),
  'a Noto Sans SC range file (WOFF 1)': join(noto, 'noto-sans-sc-57-400-normal.woff'),
};

const fontkitFont = (bytes: Uint8Array) => create(Buffer.from(bytes)) as Font;

describe.each(Object.entries(FILES))('%s', (_, path) => {
  const file = new Uint8Array(readFileSync(path));
  const tables = readTables(file);
  const reference = fontkitFont(file);

  it('maps every character to the glyph fontkit finds, with its advance', () => {
    const map = characterMap(tables);
    const advance = advanceWidths(tables);
    // fontkit also lists format 4's closing U+FFFF segment, which maps to .notdef.
    const drawn = reference.characterSet.filter((c) => reference.glyphForCodePoint(c).id !== 0);
    expect([...map.keys()].sort((a, b) => a - b)).toEqual(drawn.sort((a, b) => a - b));
    for (const [codePoint, id] of map) {
      const glyph = reference.glyphForCodePoint(codePoint);
      expect(id).toBe(glyph.id);
      expect(advance(id)).toBe(glyph.advanceWidth);
    }
  });

  it('looks each code point up as the whole map has it, and 0 for those it lacks', () => {
    const map = characterMap(tables);
    const lookup = characterLookup(tables);
    for (const [codePoint, id] of map) expect(lookup(codePoint)).toBe(id);
    const highest = Math.max(...map.keys());
    for (let codePoint = 0; codePoint <= highest + 2; codePoint++)
      if (!map.has(codePoint)) expect(lookup(codePoint)).toBe(0);
    for (const beyond of [0xffff, 0x10ffff]) expect(lookup(beyond)).toBe(map.get(beyond) ?? 0);
  });

  it('reads the metrics the PDF font descriptor needs as fontkit does', () => {
    const { bbox } = reference;
    expect(fontMetrics(tables)).toEqual({
      unitsPerEm: reference.unitsPerEm,
      bbox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY],
      ascent: reference.ascent,
      descent: reference.descent,
      capHeight: reference.capHeight || reference.ascent,
      xHeight: reference.xHeight ?? 0,
      italicAngle: reference.italicAngle,
      postscriptName: reference.postscriptName,
    });
  });

  it('subsets to a font whose glyphs draw and advance as the originals, composites included', () => {
    const ids = [...characterMap(tables).values()].filter((_, i) => i % 7 === 3).slice(0, 150);
    const { bytes, gids } = subsetTrueType(tables, ids);
    const subset = fontkitFont(bytes);
    ids.forEach((id, i) => {
      const original = reference.getGlyph(id);
      const copy = subset.getGlyph(gids[i]!);
      expect(copy.path.toSVG()).toBe(original.path.toSVG());
      expect(copy.advanceWidth).toBe(original.advanceWidth);
    });
    expect(subset.numGlyphs).toBeGreaterThanOrEqual(new Set(ids).size + 1);
    expect(subset.numGlyphs).toBeLessThan(reference.numGlyphs);
  });

  it('gives the same bytes every time, leaving the parsed tables untouched', () => {
    const ids = [...characterMap(tables).values()].slice(0, 80);
    const first = subsetTrueType(tables, ids);
    const again = subsetTrueType(tables, ids);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(again.gids).toEqual(first.gids);
  });
});

describe('subsetTrueType', () => {
  it('includes the glyphs a composite is built from, so that it still draws', () => {
    const file = new Uint8Array(readFileSync(FILES['DejaVu Sans (TrueType)']));
    const tables = readTables(file);
    const reference = fontkitFont(file);
    // Many accented letters (Azerbaijani "ğ", "ş") are a base and a mark in DejaVu.
    const composites = [...characterMap(tables).entries()].filter(([, id]) =>
      isComposite(tables, id),
    );
    expect(composites.length).toBeGreaterThan(50);
    const [codePoint, id] = composites[0]!;
    const { bytes, gids } = subsetTrueType(tables, [id]);
    const subset = fontkitFont(bytes);
    expect(subset.numGlyphs).toBeGreaterThan(2);
    expect(subset.getGlyph(gids[0]!).path.toSVG()).toBe(
      reference.glyphForCodePoint(codePoint).path.toSVG(),
    );
  });

  it('refuses a file that is not TrueType', () => {
    expect(() => readTables(new TextEncoder().encode('%PDF-1.7 not a font'))).toThrow(/TrueType/);
  });
});

function isComposite(tables: ReturnType<typeof readTables>, id: number): boolean {
  const head = tables.get('head')!;
  const loca = tables.get('loca')!;
  const glyf = tables.get('glyf')!;
  const long = new DataView(head.buffer, head.byteOffset).getInt16(50) === 1;
  const view = new DataView(loca.buffer, loca.byteOffset, loca.byteLength);
  const start = long ? view.getUint32(4 * id) : 2 * view.getUint16(2 * id);
  const end = long ? view.getUint32(4 * id + 4) : 2 * view.getUint16(2 * id + 2);
  if (end - start < 10) return false;
  return new DataView(glyf.buffer, glyf.byteOffset + start).getInt16(0) < 0;
}
