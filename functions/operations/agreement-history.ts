import { auditRoutes } from '../../shared/contract/routes/audit.js';
import { UnprocessableError } from '../../shared/domain/errors.js';
import type { AuditEvent } from '../../shared/domain/types.js';
import {
  defineOperation,
  type Operation,
  type OperationResult,
} from '../../shared/http/operation.js';
import {
  type AuditDeps,
  exportAgreementHistory,
  getAgreementHistory,
} from '../../shared/use-cases/audit.js';

/**
 * `GET /v1/agreements/{agreementId}/history`, in three representations
 * chosen by `Accept`:
 *
 *  - `application/json` (default): one page `{ items, nextCursor }`;
 *  - `application/x-ndjson`: the whole history, one event per line exactly
 *    as stored, each line re-hashable (the verifiable export);
 *  - `text/csv`: the whole history as a table for spreadsheets, formula-like
 *    cells neutralised (see {@link csvField}); `data` is kept as a JSON
 *    column, so the chain re-hashes from the cells (docs/auditing.md).
 *
 * Exports ignore `limit` and `cursor`.
 */

export type HistoryFormat = 'json' | 'ndjson' | 'csv';

const FORMATS: readonly { format: HistoryFormat; types: readonly string[] }[] = [
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
export function negotiateHistoryFormat(accept: string | undefined): HistoryFormat {
  if (!accept?.trim()) return 'json';
  const ranges = parseAccept(accept);
  let best: { format: HistoryFormat; q: number; specificity: number } = {
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

/** One event per line, as stored (the hash covers the event without `hash`). */
export function toNdjson(events: readonly AuditEvent[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}

export const CSV_COLUMNS = [
  'seq',
  'at',
  'action',
  'party',
  'actor.sub',
  'actor.role',
  'actor.party',
  'requestId',
  'prevHash',
  'hash',
  'data',
] as const;

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

/** RFC 4180 with a header row and CRLF line ends; `data` as compact JSON. */
export function toCsv(events: readonly AuditEvent[]): string {
  const rows = events.map((event) =>
    [
      String(event.seq),
      event.at,
      event.action,
      event.party ?? '',
      event.actor.sub,
      event.actor.role,
      event.actor.party ?? '',
      event.requestId,
      event.prevHash,
      event.hash,
      JSON.stringify(event.data),
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].map((row) => `${row}\r\n`).join('');
}

/**
 * A Lambda response carries at most 6 MB, and the export travels base64
 * encoded (4/3 larger). Even 1,000 signatories each declining, signing and
 * withdrawing stay far below this.
 */
export const MAX_EXPORT_BYTES = 4_400_000;

const CONTENT_TYPES: Readonly<Record<Exclude<HistoryFormat, 'json'>, string>> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

const fileNameSafe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

export const getAgreementHistoryOperation = (deps: AuditDeps): Operation =>
  defineOperation(
    auditRoutes.getAgreementHistory,
    async ({ path, query, headers }): Promise<OperationResult> => {
      const format = negotiateHistoryFormat(headers.accept);
      if (format === 'json') {
        const page = await getAgreementHistory({
          agreementId: path.agreementId,
          page: query,
          deps,
        });
        return { status: 200, body: page, headers: { vary: 'accept' } };
      }
      const { head, events } = await exportAgreementHistory({
        agreementId: path.agreementId,
        deps,
      });
      const bytes = Buffer.from(format === 'ndjson' ? toNdjson(events) : toCsv(events), 'utf8');
      if (bytes.length > MAX_EXPORT_BYTES) {
        throw new UnprocessableError(
          `The history is ${bytes.length} bytes, more than one download can carry; read it in JSON pages.`,
        );
      }
      return {
        status: 200,
        binary: { bytes, contentType: CONTENT_TYPES[format] },
        headers: {
          vary: 'accept',
          'content-disposition': `attachment; filename="agreement-${fileNameSafe(path.agreementId)}-history.${format}"`,
          // The head the agreement pointed at when the export began: the last line's hash must equal it.
          'x-chain-head-seq': String(head.seq),
          'x-chain-head-hash': head.hash,
        },
      };
    },
  );
