/**
 * Representations of a read beyond JSON: which one `Accept` asks for, and
 * CSV tables that spreadsheets open safely. Shared by the history export and
 * the status chart.
 */

/** The representations a read may be asked for with `Accept`. */
export type Representation = 'json' | 'ndjson' | 'csv';

const FORMATS: readonly { format: Representation; types: readonly string[] }[] = [
  { format: 'json', types: ['application/json'] },
  { format: 'ndjson', types: ['application/x-ndjson', 'application/ndjson'] },
  { format: 'csv', types: ['text/csv'] },
];

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept.split(',').flatMap((part) => {
    const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    const [type, subtype] = range.toLowerCase().split('/');
    if (!type || !subtype) return [];
    const qParameter = parameters.find((parameter) => /^q\s*=/i.test(parameter));
    const q = qParameter ? Number(qParameter.split('=')[1]) : 1;
    return Number.isFinite(q) && q >= 0 && q <= 1 ? [{ type, subtype, q }] : [];
  });
}

/**
 * The representation `Accept` prefers (RFC 9110 §12.5.1): for each format the
 * most specific matching range gives its weight; the highest weight wins, a
 * more specific match breaks ties (`application/x-ndjson, *\/*` is NDJSON),
 * then JSON, NDJSON, CSV in that order. Nothing acceptable: JSON.
 */
export function negotiateRepresentation(accept: string | undefined): Representation {
  if (!accept?.trim()) return 'json';
  const ranges = parseAccept(accept);
  let best: { format: Representation; q: number; specificity: number } = {
    format: 'json',
    q: 0,
    specificity: -1,
  };
  for (const { format, types } of FORMATS) {
    for (const media of types) {
      const [type, subtype] = media.split('/') as [string, string];
      let match: { q: number; specificity: number } | undefined;
      for (const range of ranges) {
        const specificity =
          range.type === type && range.subtype === subtype
            ? 2
            : range.type === type && range.subtype === '*'
              ? 1
              : range.type === '*' && range.subtype === '*'
                ? 0
                : -1;
        if (specificity >= 0 && (!match || specificity > match.specificity)) {
          match = { q: range.q, specificity };
        }
      }
      if (
        match &&
        match.q > 0 &&
        (match.q > best.q || (match.q === best.q && match.specificity > best.specificity))
      ) {
        best = { format, ...match };
      }
    }
  }
  return best.format;
}

/**
 * A cell a spreadsheet would run as a formula (OWASP CSV injection: it begins
 * with `=`, `+`, `-`, `@`, tab or CR; ASVS 1.2.10 adds NUL), or one that
 * begins with a quote. The quote is included so that reading back is
 * unambiguous: a cell that begins with `'` lost exactly one leading `'`.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r\0']/;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, quotes
 * doubled inside. A formula-like value is neutralised as OWASP advises:
 * prefixed with `'` and quoted, so spreadsheets show it as text.
 */
export function csvField(value: string): string {
  const neutralised = FORMULA_TRIGGER.test(value) ? `'${value}` : value;
  return neutralised !== value || /[",\r\n]/.test(value)
    ? `"${neutralised.replaceAll('"', '""')}"`
    : value;
}

/** RFC 4180 with a header row and CRLF line ends, every cell through `csvField`. */
export function csvTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return [columns, ...rows.map((row) => row.map(csvField))]
    .map((cells) => `${cells.join(',')}\r\n`)
    .join('');
}
