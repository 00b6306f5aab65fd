import { describe, expect, it } from 'vitest';
import type { Agreement, Signatory } from '../../../shared/domain/types.js';
import { layoutAgreementSummary } from '../../../shared/pdf/agreement-summary.js';
import { layoutCeremonySummary } from '../../../shared/pdf/ceremony-summary.js';
import {
  A4,
  type Block,
  type Box,
  bodyBottom,
  bodyTop,
  type FlowItem,
  HYPHEN_WIDTH,
  paginate,
  paragraphBlock,
  type Rect,
  type TextBox,
} from '../../../shared/pdf/layout.js';
import { type TypeMetrics, typeMetrics } from '../../../shared/pdf/shaping.js';
import { signatoryRow, tableColumns } from '../../../shared/pdf/signatory-table.js';
import { LIMITS } from '../../../shared/schemas/requests.js';
import {
  agreement,
  ceremony,
  conference,
  largeAgreement,
  secondAgreement,
  signatories,
} from './fixtures.js';

const metrics = await typeMetrics();
const EPSILON = 1e-6;

function outsideMargins(box: Rect): boolean {
  const { margin, width, height } = A4;
  return (
    box.x < margin.left - EPSILON ||
    box.y < margin.top - EPSILON ||
    box.x + box.width > width - margin.right + EPSILON ||
    box.y + box.height > height - margin.bottom + EPSILON
  );
}

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width - EPSILON &&
  b.x < a.x + a.width - EPSILON &&
  a.y < b.y + b.height - EPSILON &&
  b.y < a.y + a.height - EPSILON;

/** Pairs of boxes of the same kind that overlap (text on its own band is intended). */
function overlapping(boxes: readonly Box[]): [Box, Box][] {
  const found: [Box, Box][] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) if (a.kind === b.kind && overlap(a, b)) found.push([a, b]);
  });
  return found;
}

const texts = (page: readonly Box[]) =>
  page.flatMap((box) => (box.kind === 'text' ? [box.text] : []));

function expectSoundGeometry(pages: readonly (readonly Box[])[]): void {
  for (const page of pages) {
    expect(page.filter(outsideMargins)).toEqual([]);
    expect(overlapping(page)).toEqual([]);
    for (const box of page) {
      expect(box.width).toBeGreaterThanOrEqual(0);
      expect(box.height).toBeGreaterThan(0);
    }
  }
}

describe('agreement summary layout with 300 signatories', () => {
  const pages = layoutAgreementSummary({ agreement: largeAgreement(300), conference }, metrics);

  it('runs over several pages, every box inside the margins, none overlapping', () => {
    expect(pages.length).toBeGreaterThan(5);
    expectSoundGeometry(pages);
  });

  it('repeats the table header, under a "continued" caption, on every continuation page', () => {
    for (const page of pages.slice(1)) {
      const first = page.find((box) => box.kind === 'text');
      expect(first?.text).toBe(`Signatories of ${agreement.title} (continued)`);
      expect(first?.y).toBe(bodyTop(A4));
      expect(texts(page).slice(1, 6)).toEqual([
        'Party',
        'Status',
        'Signatory',
        'Date and time',
        'Place',
      ]);
    }
  });

  it('places every signatory exactly once, in order, never split across pages', () => {
    const codes = pages.flatMap(texts).filter((text) => /^P\d{3}$/.test(text));
    expect(codes).toEqual(Array.from({ length: 300 }, (_, i) => `P${String(i).padStart(3, '0')}`));
  });

  it('numbers every page "Page i of n"', () => {
    pages.forEach((page, index) => {
      expect(texts(page)).toContain(`Page ${index + 1} of ${pages.length}`);
    });
  });
});

describe('layout of the sample records', () => {
  it('keeps the five-signatory summary on one sound page', () => {
    const pages = layoutAgreementSummary({ agreement, conference }, metrics);
    expect(pages).toHaveLength(1);
    expectSoundGeometry(pages);
  });

  it('keeps the ceremony summary sound and marks the rows signed at the ceremony', () => {
    const pages = layoutCeremonySummary(
      { ceremony, conference, agreements: [agreement, secondAgreement] },
      metrics,
    );
    expectSoundGeometry(pages);
    const marked = signatories.filter((s) => s.ceremonyId === ceremony.id).length;
    expect(pages.flatMap(texts).filter((text) => text === 'At this ceremony')).toHaveLength(
      2 * marked,
    );
  });
});

describe('signatory rows', () => {
  const firstLine = (boxes: readonly Box[], column: { x: number; width: number }) =>
    boxes.find(
      (box): box is TextBox =>
        box.kind === 'text' && box.x >= column.x && box.x < column.x + column.width,
    );

  it('set the first line of every cell on one baseline, whatever its size', () => {
    const columns = Object.values(tableColumns(A4));
    for (const signatory of signatories) {
      const row = signatoryRow(signatory, { timeZone: conference.timeZone }, A4, metrics);
      const baselines = columns.map((column) => firstLine(row.boxes, column)?.baseline);
      expect(baselines).not.toContain(undefined);
      expect(new Set(baselines).size).toBe(1);
    }
  });
});

/** The widest glyph among likely candidates, so that no text the schema admits is wider. */
const widest = ['W', 'Ш', 'Щ', 'Ж', 'Ю', 'Ɯ', 'Җ', 'Ҹ', '@'].reduce((a, b) =>
  metrics.width(b, 'bold', 10) > metrics.width(a, 'bold', 10) ? b : a,
);
const longest = (length: number) => widest.repeat(length);

describe('the longest record the request schema admits', () => {
  const person = { name: longest(LIMITS.shortText), title: longest(LIMITS.shortText) };
  const signatory: Signatory = {
    party: 'ABCDEFGHIJKLMNOP',
    partyName: longest(LIMITS.shortText),
    status: 'withdrawn',
    representative: person,
    signedBy: person,
    signedAt: '2022-07-26T09:30:00.000Z',
    place: longest(LIMITS.shortText),
    reason: longest(LIMITS.reason),
    updatedAt: '2022-07-27T09:30:00.000Z',
  };
  const extreme: Agreement = {
    ...agreement,
    title: longest(LIMITS.longText),
    kind: longest(LIMITS.shortText),
    signatories: [signatory, signatory, signatory],
  };
  const extremeConference = {
    ...conference,
    name: longest(LIMITS.longText),
    venue: { city: longest(LIMITS.shortText), country: longest(LIMITS.shortText) },
  };

  it('still fits every row on a page, inside the margins', () => {
    const pages = layoutAgreementSummary(
      { agreement: extreme, conference: extremeConference },
      metrics,
    );
    expectSoundGeometry(pages);
  });
});

describe('paginate', () => {
  const frame = A4;
  const bodyHeight = bodyBottom(frame) - bodyTop(frame);
  /** A block recognisable by its height. */
  const block = (height: number): Block => ({
    height,
    boxes: [{ kind: 'fill', colour: 'rule', x: 48, y: 0, width: 10, height }],
  });
  const heights = (pages: Box[][]) => pages.map((page) => page.map((box) => box.height));

  it('moves a heading kept with the next item to the page where that item starts', () => {
    const flow: FlowItem[] = [
      { kind: 'block', block: block(bodyHeight - 30) },
      { kind: 'block', block: block(20), keepWithNext: true },
      { kind: 'table', header: block(15), continuedHeader: block(16), rows: [block(25)] },
    ];
    const pages = paginate(flow, frame);
    expect(heights(pages)).toEqual([[bodyHeight - 30], [20, 15, 25]]);
    expect(pages[1]?.[0]?.y).toBe(bodyTop(frame));
  });

  it('repeats the header on each page a table continues on', () => {
    const row = bodyHeight / 2.5;
    const rows = Array.from({ length: 5 }, () => block(row));
    const pages = paginate(
      [{ kind: 'table', header: block(10), continuedHeader: block(12), rows }],
      frame,
    );
    expect(heights(pages)).toEqual([
      [10, row, row],
      [12, row, row],
      [12, row],
    ]);
  });

  it('drops the space before an item at the top of a page', () => {
    const flow: FlowItem[] = [
      { kind: 'block', block: block(bodyHeight) },
      { kind: 'block', block: block(10), spaceBefore: 40 },
    ];
    expect(paginate(flow, frame)[1]?.[0]?.y).toBe(bodyTop(frame));
  });

  /** `count` lines of text 10pt apart on a band: a paragraph or row that can be split. */
  function lines(count: number): Block {
    const boxes = Array.from(
      { length: count },
      (_, i): TextBox => ({
        kind: 'text',
        text: `line ${i}`,
        face: 'regular',
        size: 8,
        colour: 'text',
        x: 48,
        y: i * 10,
        width: 30,
        height: 10,
        baseline: i * 10 + 8,
      }),
    );
    const band: Box = {
      kind: 'fill',
      colour: 'declinedBand',
      x: 48,
      y: 0,
      width: 100,
      height: count * 10,
    };
    return { height: count * 10, boxes: [band, ...boxes] };
  }
  const perPage = Math.floor(bodyHeight / 10);
  const lineTexts = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => `line ${from + i}`);

  it('splits a block taller than a page between lines, bands with it', () => {
    const pages = paginate([{ kind: 'block', block: lines(80) }], frame);
    expect(pages.map(texts)).toEqual([lineTexts(0, perPage), lineTexts(perPage, 80)]);
    expect(pages.map((page) => page[0]?.height)).toEqual([perPage * 10, 800 - perPage * 10]);
  });

  it('continues a row taller than a page under the continued header, never orphaning a header', () => {
    const flow: FlowItem[] = [
      { kind: 'block', block: block(100) },
      { kind: 'table', header: block(10), continuedHeader: block(12), rows: [lines(90)] },
    ];
    const pages = paginate(flow, frame);
    expect(heights(pages)[0]).toEqual([100]);
    expect(pages[1]?.[0]?.height).toBe(10);
    expect(pages[2]?.[0]?.height).toBe(12);
    const onSecond = Math.floor((bodyHeight - 10) / 10);
    expect(pages.slice(1).map(texts)).toEqual([lineTexts(0, onSecond), lineTexts(onSecond, 90)]);
  });

  it('starts a block taller than a page, and the heading kept with it, where they stand', () => {
    const flow: FlowItem[] = [
      { kind: 'block', block: block(100) },
      { kind: 'block', block: block(20), keepWithNext: true },
      { kind: 'block', block: lines(90) },
    ];
    const pages = paginate(flow, frame);
    const onFirst = Math.floor((bodyHeight - 120) / 10);
    expect(pages[0]?.slice(0, 2).map((box) => box.height)).toEqual([100, 20]);
    expect(pages.map(texts)).toEqual([lineTexts(0, onFirst), lineTexts(onFirst, 90)]);
  });

  it('keeps a heading with a table whose first row is taller than a page, on the page the table starts', () => {
    const flow: FlowItem[] = [
      { kind: 'block', block: block(100) },
      { kind: 'block', block: block(20), keepWithNext: true },
      { kind: 'table', header: block(10), continuedHeader: block(12), rows: [lines(90)] },
    ];
    const pages = paginate(flow, frame);
    expect(heights(pages)[0]).toEqual([100]);
    expect(pages[1]?.slice(0, 2).map((box) => box.height)).toEqual([20, 10]);
    expect(pages[1]?.find((box) => box.kind === 'text')?.text).toBe('line 0');
    expect(pages[2]?.[0]?.height).toBe(12);
  });
});

describe('a text with line feeds (a reason)', () => {
  it('starts a line at each, wide as the column is, and drops empty ones', async () => {
    const metrics = await typeMetrics();
    const style = { face: 'regular', size: 8, colour: 'text' } as const;
    const reason = 'Awaiting parliament.\n\n1) The committee meets in May.\n2) The vote follows.';
    const lines = paragraphBlock({ text: reason, style }, 0, 400, metrics).boxes as TextBox[];
    expect(lines.map((box) => box.text)).toEqual([
      'Awaiting parliament.',
      '1) The committee meets in May.',
      '2) The vote follows.',
    ]);
  });
});

describe('bidirectional paragraphs', () => {
  const style = { face: 'regular', size: 8, colour: 'text' } as const;
  const visual = (metrics: TypeMetrics, box: TextBox) =>
    metrics
      .shape(box.text, box.face, box.direction)
      .runs.flatMap((run) => run.glyphs.map((glyph) => glyph.text))
      .join('');

  it('order a wrapped line as their paragraph runs, not as its own first word would', async () => {
    const place = 'Consulate General Building القاهرة Egypt 5';
    const metrics = await typeMetrics(place);
    const lines = paragraphBlock({ text: place, style }, 0, 70, metrics).boxes as TextBox[];
    const line = lines.find((box) => box.text.startsWith('القاهرة'));
    expect(line).toBeDefined();
    expect(line!.direction).toBeUndefined();
    // Left to right on the page: the Arabic word first, then "Egypt 5", as the paragraph reads.
    expect(visual(metrics, line!)).toMatch(/ Egypt 5$/);
  });

  it('keep letters a zero-width non-joiner separates unjoined, and the non-joiner in the text', async () => {
    const metrics = await typeMetrics('ا');
    const glyphOf = (text: string, letter: string) =>
      metrics
        .shape(text, 'regular', 'rtl')
        .runs.flatMap((run) => run.glyphs)
        .find((glyph) => glyph.text.includes(letter))!;
    // ی before the non-joiner takes its word-final form, as in "علی" alone, not the joined one.
    expect(glyphOf('علی\u200Cاکبر', 'ی').id).toBe(glyphOf('علی', 'ی').id);
    expect(glyphOf('علی\u200Cاکبر', 'ی').id).not.toBe(glyphOf('علیاکبر', 'ی').id);
    expect(glyphOf('علی\u200Cاکبر', 'ی').text).toBe('\u200Cی');
  });

  it('hyphenate a right-to-left line on its left, in room the line leaves there', async () => {
    const name = 'المستشاريةالعلياللشؤونالخارجيةوالتعاونالدوليوالمغتربين';
    const metrics = await typeMetrics(name);
    const lines = paragraphBlock({ text: name, style }, 100, 90, metrics).boxes as TextBox[];
    expect(lines.length).toBeGreaterThan(1);
    for (const box of lines) expect(box.direction).toBe('rtl');
    const cut = lines.filter((box) => box.hyphenated);
    expect(cut.length).toBe(lines.length - 1);
    for (const box of cut) {
      expect(box.x).toBeCloseTo(100 + HYPHEN_WIDTH * style.size, 6);
      expect(box.x + box.width).toBeLessThanOrEqual(190 + 1e-6);
    }
    expect(lines.at(-1)!.x).toBe(100);
  });
});
