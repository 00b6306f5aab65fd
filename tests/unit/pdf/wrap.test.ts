import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typeMetrics } from '../../../shared/pdf/fonts.js';
import { cleanText } from '../../../shared/pdf/format.js';
import { wrapText } from '../../../shared/pdf/wrap.js';

const metrics = typeMetrics();
const widthOf = (text: string) => metrics.width(text, 'regular', 8.5);
const graphemes = (text: string) => [
  ...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text),
];
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
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), (words) => {
        const input = words.join(' ');
        const maxWidth = Math.max(...words.map(widthOf));
        expect(wrapText(input, maxWidth, widthOf).join(' ')).toBe(input);
      }),
    );
  });

  it('fills lines greedily', () => {
    expect(wrapText('aa bb cc', widthOf('aa bb'), widthOf)).toEqual(['aa bb', 'cc']);
  });

  it('cuts an overlong word into pieces that fill the width, and goes on after it', () => {
    const ten = 'x'.repeat(10);
    expect(wrapText(`hash ${ten.repeat(3)}xx end`, widthOf(ten), widthOf)).toEqual([
      'hash',
      ten,
      ten,
      ten,
      'xx end',
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
