import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { textViolation } from '../../../shared/domain/text.js';

const REFUSED = [
  '\u0000', // NUL
  '\u0007', // BEL
  '\u0009', // TAB
  '\u000B', // VT
  '\u000C', // FF
  '\u000D', // CR
  '\u001B', // ESC
  '\u001C', // FS
  '\u007F', // DEL
  '\u0085', // NEL
  '\u009F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E', // RLO
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069', // PDI
  '\uD800', // lone high surrogate
  '\uDC00', // lone low surrogate
];

describe('text fields, strictly', () => {
  test.each(REFUSED.map((character) => [character.codePointAt(0)!.toString(16), character]))(
    'U+%s is refused anywhere in a field, single- or multi-line',
    (_hex, character) => {
      for (const multiline of [false, true]) {
        for (const value of [character, `Қазақстан${character}`, `${character}Türkiye`]) {
          expect(textViolation(value, { multiline }), JSON.stringify(value)).toBeDefined();
        }
      }
    },
  );

  test('line feed: only in multi-line fields; CR never', () => {
    expect(textViolation('first\nsecond', { multiline: true })).toBeUndefined();
    expect(textViolation('first\nsecond')).toBe('must be a single line (no line breaks)');
    expect(textViolation('first\r\nsecond', { multiline: true })).toMatch(/U\+000D/);
  });

  test('every script the delegations write in, and paired surrogates, are text', () => {
    for (const value of [
      'Azərbaycan Respublikası',
      'Türkiye Cumhuriyeti — İstanbul',
      'Қазақстан Республикасы',
      'Oʻzbekiston Respublikasi',
      'العربية‎ עברית', // with U+200E LEFT-TO-RIGHT MARK: a mark, not an override
      '中华人民共和国 😀',
    ]) {
      expect(textViolation(value), value).toBeUndefined();
    }
  });

  test('property: a field is refused exactly when it holds a refused character', () => {
    const allowed = fc
      .string({ unit: 'grapheme', maxLength: 20 })
      .filter((value) => textViolation(value) === undefined);
    fc.assert(
      fc.property(allowed, fc.constantFrom(...REFUSED), allowed, (before, bad, after) => {
        expect(textViolation(before + after)).toBeUndefined();
        expect(textViolation(before + bad + after)).toBeDefined();
      }),
      { seed: 16, numRuns: 500 },
    );
  });
});
