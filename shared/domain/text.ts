/**
 * What a text field may hold (contract 1.1, "Text fields, strictly"): any
 * Unicode but characters that print as nothing or rearrange what is shown
 * around them. Refused everywhere:
 *
 *  - C0 and C1 control characters, U+0000–U+001F and U+007F–U+009F (NUL,
 *    BEL, ESC, TAB, CR, VT, FF, DEL, NEL U+0085…), except line feed U+000A
 *    in multi-line fields (reasons and reservation texts);
 *  - the bidirectional overrides and isolates U+202A–U+202E and
 *    U+2066–U+2069, which make a name or a reason display differently from
 *    what it says;
 *  - lone UTF-16 surrogates, which are not characters at all (RFC 8785, the
 *    hash chain's canonical JSON, refuses them too).
 */

export interface TextRule {
  /** Line feeds (U+000A) allowed: reasons and reservation texts. */
  readonly multiline?: boolean;
}

/** General category Cc (exactly U+0000–U+001F and U+007F–U+009F) but line feed, checked apart. */
const CONTROL = /[^\P{Cc}\n]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (character: string) =>
  `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `value` may not be stored as text, or undefined if it may. The
 * message names the first offending character by its code point.
 */
export function textViolation(value: string, rule: TextRule = {}): string | undefined {
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `must be well-formed Unicode (lone surrogate ${codePoint(surrogate[0])})`;
  if (!rule.multiline && value.includes('\n')) return 'must be a single line (no line breaks)';
  const control = CONTROL.exec(value);
  if (control)
    return `must not contain control characters (${codePoint(control[0])})${rule.multiline ? '; line breaks are U+000A only' : ''}`;
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi)
    return `must not contain bidirectional override or isolate characters (${codePoint(bidi[0])})`;
  return undefined;
}
