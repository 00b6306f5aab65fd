import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../shared/pdf/format.js';
import { typeMetrics } from '../../../shared/pdf/shaping.js';
import { wrapText as wrapLines } from '../../../shared/pdf/wrap.js';

const metrics = await typeMetrics();
const widthOf = (text: string) => metrics.width(text, 'regular', 8.5);
const graphemes = (text: string) => [
  ...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text),
];
const wrapText = (input: string, maxWidth: number, width: typeof widthOf) =>
  wrapLines(input, maxWidth, width).map((line) => line.text);
const withoutSpace = (text: string) => text.replace(/\s/g, '');

/** Names and words of the record's scripts, and stretches without any space. */
const word = fc.oneof(
  fc.constantFrom('İlham', 'Əliyev', 'Oʻzbekiston', 'Қазақстан', 'Республикасының', 'Mirziyoyev'),
  fc.string({
    unit: fc.constantFrom(...'aİıəğşʻҚңүұөһіЖW-.,()0123456789'),
    minLength: 1,
    maxLength: 80,
  }),
);
const text = fc
  .array(fc.tuple(word, fc.constantFrom(' ', '  ', '\n', '\t')), { maxLength: 30 })
  .map((parts) => parts.map(([w, space]) => w + space).join(''));

describe('wrapText', () => {
  it('keeps every line within the width unless it is one uncuttable grapheme', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 300 }), (input, maxWidth) => {
        for (const line of wrapText(input, maxWidth, widthOf)) {
          expect(widthOf(line) <= maxWidth || graphemes(line).length === 1).toBe(true);
        }
      }),
    );
  });

  it('loses, adds and reorders no text', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 300 }), (input, maxWidth) => {
        const lines = wrapText(input, maxWidth, widthOf);
        expect(withoutSpace(lines.join(''))).toBe(withoutSpace(input));
        for (const line of lines) expect(line).toBe(line.trim());
        for (const line of lines) expect(line).not.toBe('');
      }),
    );
  });

  it('breaks only between words when every word fits', () => {
    // UAX #14 keeps a word that starts with closing or infix punctuation, or follows
    // an opening one, on the line of the word before, and may break after a hyphen:
    // words of letters, digits and closing punctuation separate only at spaces.
    const separable = word.filter((w) => /^[\p{L}\p{N}][^-(]*$/u.test(w));
    fc.assert(
      fc.property(fc.array(separable, { minLength: 1, maxLength: 20 }), (words) => {
        const input = words.join(' ');
        const maxWidth = Math.max(...words.map(widthOf));
        expect(wrapText(input, maxWidth, widthOf).join(' ')).toBe(input);
      }),
    );
  });

  it('fills lines greedily', () => {
    expect(wrapText('aa bb cc', widthOf('aa bb'), widthOf)).toEqual(['aa bb', 'cc']);
  });

  it('cuts an overlong word into pieces that leave room for a hyphen, and goes on after it', () => {
    const ten = 'x'.repeat(10);
    const nine = 'x'.repeat(9);
    expect(wrapLines(`hash ${ten.repeat(3)}xx end`, widthOf(ten), widthOf, widthOf('x'))).toEqual([
      { text: 'hash', hyphenated: false },
      { text: nine, hyphenated: true },
      { text: nine, hyphenated: true },
      { text: nine, hyphenated: true },
      { text: 'xxxxx end', hyphenated: false },
    ]);
  });

  it('breaks where UAX #14 allows: after hyphens, between ideographs, not before closing punctuation', () => {
    expect(wrapText('Shanghai-Cooperation', widthOf('Shanghai-Coop'), widthOf)).toEqual([
      'Shanghai-',
      'Cooperation',
    ]);
    const ideographs = '中华人民共和国外交部';
    const lines = wrapText(ideographs, widthOf('中华人民'), widthOf);
    expect(lines.join('')).toBe(ideographs);
    expect(lines.length).toBeGreaterThan(2);
    expect(wrapText('Turkic States (OTS)', widthOf('Turkic States (OTS'), widthOf)).toEqual([
      'Turkic States',
      '(OTS)',
    ]);
  });

  it('never separates a letter from its combining accent', () => {
    const decomposed = 'И\u0306'.repeat(10);
    for (const line of wrapText(decomposed, widthOf('ИИ'), widthOf)) {
      expect(line.startsWith('\u0306')).toBe(false);
    }
  });

  it('gives no lines for blank text', () => {
    expect(wrapText(' \n\t ', 100, widthOf)).toEqual([]);
  });
});

describe('cleanText', () => {
  it('composes to NFC, drops invisible characters and collapses whitespace', () => {
    expect(cleanText(' Azərbaycan\u00AD\u200B  Respublikası\n')).toBe('Azərbaycan Respublikası');
    expect(cleanText('I\u0307lham')).toBe('İlham');
  });
});
