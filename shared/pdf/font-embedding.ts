/**
 * Embeds the fonts a document uses as subset CID fonts (Type0, Identity-H)
 * whose text layer is exact by construction: every distinct pair of glyph
 * and text gets its own character id (CID), with a CIDToGIDMap to the glyph
 * and a ToUnicode entry to the text. A glyph drawn for two characters
 * (DejaVu's Latin "x" and Cyrillic "х") thus extracts as whichever was
 * written, and a lam-alef ligature as its two letters.
 *
 * Ids, subset order and names follow the order of first use in the
 * document, so the same document always gives the same objects.
 */
import { createHash } from 'node:crypto';
import { type PDFDocument, PDFName, type PDFRef, PDFString } from 'pdf-lib';
import type { FontProgram } from './fonts.js';
import { subsetTrueType } from './sfnt.js';
import type { ShapedGlyph } from './shaping.js';

interface UsedFont {
  readonly program: FontProgram;
  readonly resource: PDFName;
  /** `glyph id + NUL + text` → CID. */
  readonly cids: Map<string, number>;
  /** Index = CID - 1. */
  readonly entries: { readonly id: number; readonly text: string }[];
}

const hex4 = (value: number) => value.toString(16).padStart(4, '0');

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The ToUnicode CMap: each CID to the UTF-16BE of its text. */
function toUnicodeCMap(entries: readonly { readonly text: string }[]): string {
  const lines = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
  ];
  for (let start = 0; start < entries.length; start += 100) {
    const chunk = entries.slice(start, start + 100);
    lines.push(`${chunk.length} beginbfchar`);
    chunk.forEach((entry, i) => {
      lines.push(`<${hex4(start + i + 1)}> <${utf16Hex(entry.text)}>`);
    });
    lines.push('endbfchar');
  }
  lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
  return lines.join('\n');
}

/** Six capital letters naming the subset, derived from its content (PDF 9.6.4). */
function subsetTag(used: UsedFont): string {
  const hash = createHash('sha256').update(used.program.name);
  for (const { id, text } of used.entries) hash.update(`${id}\u0000${text}\u0001`);
  return Array.from(hash.digest().subarray(0, 6), (byte) =>
    String.fromCharCode(65 + (byte % 26)),
  ).join('');
}

export class DocumentFonts {
  readonly #used = new Map<FontProgram, UsedFont>();

  /** The resource name of `program` in this document, registering it on first use. */
  resource(program: FontProgram): PDFName {
    return this.#font(program).resource;
  }

  /** The CID of a glyph standing for its text, as 4 hex digits. */
  code(program: FontProgram, glyph: ShapedGlyph): string {
    const used = this.#font(program);
    const key = `${glyph.id}\u0000${glyph.text}`;
    let cid = used.cids.get(key);
    if (cid === undefined) {
      used.entries.push({ id: glyph.id, text: glyph.text });
      cid = used.entries.length;
      used.cids.set(key, cid);
    }
    return hex4(cid);
  }

  #font(program: FontProgram): UsedFont {
    let used = this.#used.get(program);
    if (!used) {
      used = {
        program,
        resource: PDFName.of(`F${this.#used.size + 1}`),
        cids: new Map(),
        entries: [],
      };
      this.#used.set(program, used);
    }
    return used;
  }

  /** Writes every font used into `doc`; returns resource name → font dictionary. */
  async embed(doc: PDFDocument): Promise<Map<PDFName, PDFRef>> {
    const refs = new Map<PDFName, PDFRef>();
    for (const used of this.#used.values())
      refs.set(used.resource, await this.#embedFont(doc, used));
    return refs;
  }

  async #embedFont(doc: PDFDocument, used: UsedFont): Promise<PDFRef> {
    const { context } = doc;
    const { program, entries } = used;
    const { metrics } = program;
    const scale = 1000 / metrics.unitsPerEm;
    const { bytes, gids } = subsetTrueType(
      program.tables,
      entries.map((entry) => entry.id),
    );
    const baseFont = `${subsetTag(used)}+${(metrics.postscriptName ?? program.name).replace(/[^!-~]|[()<>[\]{}/%#]/g, '')}`;
    const cidToGid = new Uint8Array(2 * (entries.length + 1));
    gids.forEach((gid, i) => {
      cidToGid[2 * (i + 1)] = gid >> 8;
      cidToGid[2 * (i + 1) + 1] = gid & 255;
    });
    const descriptor = context.obj({
      Type: 'FontDescriptor',
      FontName: baseFont,
      Flags: 4,
      FontBBox: metrics.bbox.map((value) => round(value * scale)),
      ItalicAngle: metrics.italicAngle,
      Ascent: round(metrics.ascent * scale),
      Descent: round(metrics.descent * scale),
      CapHeight: round(metrics.capHeight * scale),
      XHeight: round(metrics.xHeight * scale),
      StemV: 0,
      FontFile2: context.register(context.flateStream(bytes)),
    });
    const cidFont = context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: baseFont,
      CIDSystemInfo: {
        Registry: PDFString.of('Adobe'),
        Ordering: PDFString.of('Identity'),
        Supplement: 0,
      },
      FontDescriptor: context.register(descriptor),
      W: [1, entries.map((entry) => round(program.advance(entry.id) * scale))],
      CIDToGIDMap: context.register(context.flateStream(cidToGid)),
    });
    return context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: baseFont,
        Encoding: 'Identity-H',
        DescendantFonts: [context.register(cidFont)],
        ToUnicode: context.register(context.flateStream(toUnicodeCMap(entries))),
      }),
    );
  }
}
