import { toNdjson } from '../domain/history-ndjson.js';
import { groupedCode, verificationCodeOf } from '../domain/verification-code.js';
import type { SummaryExtras } from '../pdf/index.js';
import { agreementSubject, ceremonySubject } from '../use-cases/verifications.js';
import type { VerifiedRecord } from '../use-cases/verified-record.js';
import { qrModules } from './qr.js';

/**
 * What a sealed summary carries besides its content, from the verified
 * records it shows: the verification code (and the QR code of its URL) for
 * every page, the line on page 1 that says which chain it was drawn from,
 * and the events themselves as attached NDJSON (the export's very lines).
 */

export interface SealedExtras extends SummaryExtras {
  /** The code as printed and sealed into the signature's reason (grouped). */
  readonly code: string;
}

const NDJSON = 'application/x-ndjson';

const historyOf = (record: VerifiedRecord, name: string) => ({
  name,
  mimeType: NDJSON,
  bytes: new TextEncoder().encode(toNdjson(record.events)),
  description: `Audit events 1–${record.head.seq} of agreement ${record.agreement.id}, one per line as the NDJSON export gives them; each line re-hashes (docs/auditing.md).`,
});

const chainLine = (record: VerifiedRecord) =>
  `Chain verified: events 1–${record.head.seq}, head hash ${record.head.hash}`;

function verificationOf(code: string, baseUrl: string) {
  const url = `${baseUrl}/v1/verifications/${code}`;
  return { code: groupedCode(code), url, qr: qrModules(url) };
}

export function agreementSummaryExtras(record: VerifiedRecord, baseUrl: string): SealedExtras {
  const verification = verificationOf(verificationCodeOf(agreementSubject(record)), baseUrl);
  return {
    code: verification.code,
    verification,
    integrity: chainLine(record),
    attachments: [historyOf(record, 'history.ndjson')],
  };
}

/** A ceremony shows one or more agreements: one history file each, named by agreement. */
export function ceremonySummaryExtras(
  ceremonyId: string,
  records: readonly VerifiedRecord[],
  baseUrl: string,
): SealedExtras {
  const verification = verificationOf(
    verificationCodeOf(ceremonySubject(ceremonyId, records)),
    baseUrl,
  );
  return {
    code: verification.code,
    verification,
    integrity:
      records.length === 1
        ? chainLine(records[0]!)
        : `Chains verified: ${records.length} agreements, each from event 1 to its head (histories attached)`,
    attachments: records.map((record) =>
      historyOf(record, `history-${record.agreement.id}.ndjson`),
    ),
  };
}
