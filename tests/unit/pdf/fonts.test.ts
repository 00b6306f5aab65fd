import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create, type Font } from 'fontkit';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { layoutAgreementSummary } from '../../../shared/pdf/agreement-summary.js';
import { renderAgreementSummary } from '../../../shared/pdf/index.js';
import { typeMetrics } from '../../../shared/pdf/shaping.js';
import { agreement, conference, largeAgreement, signatories } from './fixtures.js';
import { readPdf } from './pdf-reader.js';

const ttfDirectory = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
/** A single font (not a collection), parsed by fontkit as the renderer parses it. */
const parse = (bytes: Uint8Array): Font => {
  const parsed = create(Buffer.from(bytes));
  if (!('unitsPerEm' in parsed)) throw new Error('a font collection');
  return parsed;
};
const original = (file: string) => parse(readFileSync(join(ttfDirectory, file)));

interface EmbeddedFont {
  readonly baseFont: string;
  /** The embedded font program, parsed. */
  readonly program: Font;
  /** Glyph id in the program → the text it stands for, from the ToUnicode CMap. */
  readonly toUnicode: Map<number, string>;
}

function stream(dict: PDFDict, key: string): Buffer {
  const value = dict.lookup(PDFName.of(key));
  if (!(value instanceof PDFRawStream)) throw new Error(`/${key} is not a stream`);
  return Buffer.from(decodePDFRawStream(value).decode());
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, glyph = '', unicode = ''] of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/gi)) {
    const units = unicode.match(/.{4}/g)?.map((unit) => Number.parseInt(unit, 16)) ?? [];
    map.set(Number.parseInt(glyph, 16), String.fromCharCode(...units));
  }
  return map;
}

/** Every font the PDF's pages use, read with pdf-lib's parser and fontkit. */
async function embeddedFonts(bytes: Uint8Array): Promise<EmbeddedFont[]> {
  const doc = await PDFDocument.load(bytes);
  const refs = new Map<string, PDFRef>();
  for (const page of doc.getPages()) {
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? [])
      if (ref instanceof PDFRef) refs.set(ref.toString(), ref);
  }
  return [...refs.values()].map((ref) => {
    const type0 = doc.context.lookup(ref, PDFDict);
    const descendant = type0.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
    return {
      baseFont: type0.get(PDFName.of('BaseFont'))?.toString() ?? '',
      program: parse(stream(descriptor, 'FontFile2')),
      toUnicode: parseToUnicode(stream(type0, 'ToUnicode').toString('latin1')),
    };
  });
}

/** The renderer as a new process would load it: no fonts read, no glyphs cached. */
async function freshRenderer() {
  vi.resetModules();
  return (await import('../../../shared/pdf/index.js')).renderAgreementSummary;
}

describe('embedded fonts', () => {
  let fonts: EmbeddedFont[];
  beforeAll(async () => {
    fonts = await embeddedFonts(await renderAgreementSummary({ agreement, conference }));
  });

  it('are the two DejaVu faces, embedded as subsets with a tag', () => {
    for (const font of fonts) expect(font.baseFont).toMatch(/^\/[A-Z]{6}\+/);
    expect(fonts.map((font) => font.baseFont.slice(8)).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    for (const font of fonts) expect(font.program.numGlyphs).toBeLessThan(300);
  });

  // fontkit subsetters have corrupted glyphs of some fonts (short loca offsets,
  // composite glyphs: @pdf-lib/fontkit did). Compare every subset glyph with the original.
  it('draw every glyph exactly as the original font does', () => {
    for (const font of fonts) {
      const source = original(
        font.baseFont.endsWith('-Bold') ? 'DejaVuSans-Bold.ttf' : 'DejaVuSans.ttf',
      );
      expect(font.toUnicode.size).toBeGreaterThan(40);
      for (const [glyphId, text] of font.toUnicode) {
        const expected = source.glyphForCodePoint(text.codePointAt(0) ?? 0);
        const actual = font.program.getGlyph(glyphId);
        expect({ text, path: actual.path.toSVG() }).toEqual({ text, path: expected.path.toSVG() });
        expect(actual.advanceWidth).toBe(expected.advanceWidth);
      }
    }
  });

  it('map each glyph back to exactly one character', () => {
    for (const font of fonts) {
      for (const text of font.toUnicode.values()) expect([...text]).toHaveLength(1);
    }
  });
});

describe('font files', () => {
  const saved = process.env.PDF_FONT_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.PDF_FONT_DIR;
    else process.env.PDF_FONT_DIR = saved;
    vi.resetModules();
  });

  it('are read from PDF_FONT_DIR, once per process', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'pdf-fonts-'));
    for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
      copyFileSync(join(ttfDirectory, file), join(directory, file));
    }
    process.env.PDF_FONT_DIR = directory;
    const render = await freshRenderer();
    const first = await render({ agreement, conference });
    rmSync(directory, { recursive: true });
    const second = await render({ agreement: largeAgreement(20), conference });
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
  });

  it('fail loudly when PDF_FONT_DIR lacks them', async () => {
    process.env.PDF_FONT_DIR = mkdtempSync(join(tmpdir(), 'pdf-no-fonts-'));
    const render = await freshRenderer();
    await expect(render({ agreement, conference })).rejects.toThrow(/ENOENT.*DejaVuSans\.ttf/);
  });
});

describe('characters DejaVu lacks', () => {
  const withName = (partyName: string) => ({
    agreement: { ...agreement, signatories: signatories.map((s) => ({ ...s, partyName })) },
    conference,
  });

  it('are set in the CJK fallback font, embedded only when a document needs it', async () => {
    const render = await freshRenderer();
    const chinese = await embeddedFonts(await render(withName('中华人民共和国')));
    expect(chinese.map((font) => font.baseFont).some((name) => name.includes('NotoSansSC'))).toBe(
      true,
    );
    const latin = await embeddedFonts(await render({ agreement, conference }));
    expect(latin.map((font) => font.baseFont).some((name) => name.includes('NotoSansSC'))).toBe(
      false,
    );
  });

  it('that no font has are drawn as a visible mark, named in a note on the page, and kept in the text layer', async () => {
    const bytes = await (await freshRenderer())(withName('ሰላም Delegation'));
    const page = (await readPdf(bytes)).pages[0] ?? '';
    expect(page).toContain('ሰላም Delegation');
    expect(page).toContain(
      '\uFFFD marks characters no font of this document can print (the text layer keeps them): U+120B, U+121D, U+1230.',
    );
  });

  it('however many, are all named, on lines the footer keeps for them, over no other text', async () => {
    const ethiopia = 'የኢትዮጵያ ፌዴራላዊ ዲሞክራሲያዊ ሪፐብሊክ';
    const codePoints = [...new Set(ethiopia.replace(/ /g, ''))].map(
      (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`,
    );
    expect(codePoints.length).toBeGreaterThan(15);
    const verification = { code: 'OTS-1', url: 'https://x.example/v/1', qr: [[true]] };
    for (const extra of [{}, { verification }]) {
      const model = { ...withName(ethiopia), ...extra };
      const [page] = layoutAgreementSummary(model, await typeMetrics(model));
      const texts = page!.filter((box) => box.kind === 'text');
      const first = texts.find((box) => box.text.startsWith('\uFFFD marks characters'))!;
      const note = texts.filter(
        (box) => box.colour === 'declined' && box.x === first.x && box.y >= first.y - 1e-6,
      );
      expect(note.length).toBeGreaterThan(1);
      const noteText = note.map((box) => box.text).join(' ');
      for (const codePoint of codePoints) expect(noteText).toContain(codePoint);
      expect(noteText).not.toMatch(/more\.$/);
      const overlapping = texts.filter(
        (box) =>
          !note.includes(box) &&
          note.some(
            (line) =>
              box.y < line.y + line.height &&
              line.y < box.y + box.height &&
              box.x < line.x + line.width &&
              line.x < box.x + box.width,
          ),
      );
      expect(overlapping.map((box) => box.text)).toEqual([]);
    }
  });

  it('come out the same whatever was rendered before', async () => {
    const alone = await (await freshRenderer())(withName('Delegation 李 ሰ'));
    const render = await freshRenderer();
    await render(withName('Delegation 中 ም'));
    const afterAnother = await render(withName('Delegation 李 ሰ'));
    expect(Buffer.from(afterAnother).equals(Buffer.from(alone))).toBe(true);
  });
});
