/** Measures a string in points; the wrapper is indifferent to font and size. */
export type WidthOf = (text: string) => number;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Cuts a word wider than `maxWidth` into pieces that fit, between grapheme
 * clusters so that no letter loses its accent. A single grapheme wider than
 * the column stays whole: it cannot be cut.
 */
function breakWord(word: string, maxWidth: number, widthOf: WidthOf): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const { segment } of graphemes.segment(word)) {
    if (piece !== '' && widthOf(piece + segment) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += segment;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Greedy word wrap: breaks at whitespace, and inside a word only when the
 * word alone does not fit. Lines carry no leading or trailing whitespace and
 * are never empty; empty or blank text gives no lines.
 */
export function wrapText(text: string, maxWidth: number, widthOf: WidthOf): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    const candidate = line === '' ? word : `${line} ${word}`;
    if (widthOf(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    const pieces = widthOf(word) <= maxWidth ? [word] : breakWord(word, maxWidth, widthOf);
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
  }
  if (line !== '') lines.push(line);
  return lines;
}
