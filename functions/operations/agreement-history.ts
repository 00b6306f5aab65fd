import { auditRoutes } from '../../shared/contract/routes/audit.js';
import { UnprocessableError } from '../../shared/domain/errors.js';
import { toNdjson } from '../../shared/domain/history-ndjson.js';
import type { AuditEvent } from '../../shared/domain/types.js';
import {
  defineOperation,
  type Operation,
  type OperationResult,
} from '../../shared/http/operation.js';
import {
  csvTable,
  negotiateRepresentation,
  type Representation,
} from '../../shared/http/representations.js';
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
 *    cells neutralised (see `csvField` in shared/http/representations.ts); `data` is kept as a JSON
 *    column, so the chain re-hashes from the cells (docs/auditing.md).
 *
 * Exports ignore `limit` and `cursor`.
 */

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

/** The history as a CSV table; `data` as compact JSON. */
export function toCsv(events: readonly AuditEvent[]): string {
  return csvTable(
    CSV_COLUMNS,
    events.map((event) => [
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
    ]),
  );
}

/**
 * A Lambda response carries at most 6 MB, and the export travels base64
 * encoded (4/3 larger). Even 1,000 signatories each declining, signing and
 * withdrawing stay far below this.
 */
export const MAX_EXPORT_BYTES = 4_400_000;

const CONTENT_TYPES: Readonly<Record<Exclude<Representation, 'json'>, string>> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

const fileNameSafe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

export const getAgreementHistoryOperation = (deps: AuditDeps): Operation =>
  defineOperation(
    auditRoutes.getAgreementHistory,
    async ({ path, query, headers, actor }): Promise<OperationResult> => {
      const format = negotiateRepresentation(headers.accept);
      if (format === 'json') {
        const page = await getAgreementHistory({
          agreementId: path.agreementId,
          page: query,
          reader: actor,
          deps,
        });
        return { status: 200, body: page, headers: { vary: 'accept' } };
      }
      const { head, events } = await exportAgreementHistory({
        agreementId: path.agreementId,
        reader: actor,
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
