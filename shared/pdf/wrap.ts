import LineBreaker from 'linebreak';

/** Measures a string in points; the wrapper is indifferent to font and size. */
export type WidthOf = (text: string) => number;

export interface WrappedLine {
  readonly text: string;
  /** The line ends inside a word that continues on the next line: draw a hyphen after it. */
  readonly hyphenated: boolean;
}

/**
 * Made on first need: most documents have no word wider than its column,
 * and loading ICU's segmenter cost every cold start ~8 ms.
 */
let graphemes: Intl.Segmenter | undefined;

/**
 * Cuts a stretch wider than `maxWidth` into lines that fit, between grapheme
 * clusters so that no letter loses its accent. A cut inside a word is
 * hyphenated; one at a space (UAX #14 forbids some, as before a closing
 * parenthesis, but a column too narrow leaves no choice) is not. A single
 * grapheme wider than the column stays whole: it cannot be cut.
 */
function cutStretch(stretch: string, maxWidth: number, widthOf: WidthOf): WrappedLine[] {
  const lines: WrappedLine[] = [];
  let piece = '';
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(stretch)) {
    if (
      piece.trim() !== '' &&
      segment.trim() !== '' &&
      widthOf(`${piece}${segment}`.trim()) > maxWidth
    ) {
      lines.push({ text: piece.trim(), hyphenated: !/\s$/.test(piece) });
      piece = '';
    }
    piece += segment;
  }
  if (piece.trim() !== '') lines.push({ text: piece.trim(), hyphenated: false });
  return lines;
}

/** The text between consecutive UAX #14 break opportunities, each with its trailing spaces. */
function breakableSegments(text: string): string[] {
  const breaker = new LineBreaker(text);
  const segments: string[] = [];
  let start = 0;
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    segments.push(text.slice(start, next.position));
    start = next.position;
  }
  return segments;
}

/**
 * Greedy line breaking at the opportunities of the Unicode line breaking
 * algorithm (UAX #14: after spaces and hyphens, between ideographs, never
 * before closing punctuation). A stretch without any opportunity that is
 * wider than the column is cut between graphemes, and every cut line is
 * marked `hyphenated` with room left for the hyphen (`hyphenWidth`), so a
 * word is never broken silently. Lines carry no leading or trailing
 * whitespace and are never empty; blank text gives no lines.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  widthOf: WidthOf,
  hyphenWidth = 0,
): WrappedLine[] {
  const lines: WrappedLine[] = [];
  let line = '';
  const endLine = () => {
    const trimmed = line.trim();
    if (trimmed !== '') lines.push({ text: trimmed, hyphenated: false });
    line = '';
  };
  for (const segment of breakableSegments(text.replace(/\s+/g, ' ').trim())) {
    if (widthOf(`${line}${segment}`.trim()) <= maxWidth) {
      line += segment;
      continue;
    }
    endLine();
    const word = segment.trim();
    if (widthOf(word) <= maxWidth) {
      line = segment;
      continue;
    }
    const pieces = cutStretch(word, maxWidth - hyphenWidth, widthOf);
    lines.push(...pieces.slice(0, -1));
    line = (pieces.at(-1)?.text ?? '') + segment.slice(segment.trimEnd().length);
  }
  endLine();
  return lines;
}
