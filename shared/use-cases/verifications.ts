import { agreementIdsInScope } from '../domain/access.js';
import { NotFoundError } from '../domain/errors.js';
import type { AuditEvent } from '../domain/types.js';
import {
  type AgreementHead,
  carriesHash,
  ceremonyDigest,
  type DecodedVerificationCode,
  decodeVerificationCode,
  type VerificationSubject,
} from '../domain/verification-code.js';
import type { SigningStore } from './ports.js';
import {
  readVerifiedRecord,
  type VerifiedRecord,
  type VerifiedRecordDeps,
} from './verified-record.js';

/**
 * Answers "did the service issue this?" for a verification code, from the
 * record alone: the code names the record state a summary was drawn from,
 * and the answer says whether the record has moved on since. It names no
 * title, person or party, only ids, sequence numbers and hashes.
 */

export interface HeadVerification extends AgreementHead {
  readonly currentSeq: number;
  readonly changedSince: boolean;
}

export type Verification =
  | ({ readonly genuine: true; readonly issuedFor: 'agreement' } & HeadVerification)
  | {
      readonly genuine: true;
      readonly issuedFor: 'ceremony';
      readonly ceremonyId: string;
      readonly recordedUpTo: string;
      readonly agreements: readonly HeadVerification[];
      readonly changedSince: boolean;
    };

export type VerificationDeps = VerifiedRecordDeps & {
  readonly store: Pick<SigningStore, 'getAgreement' | 'getCeremony'>;
};

/** One answer for every code the service did not issue, so that none tells more than another. */
const notIssued = () => new NotFoundError('No summary was issued with this verification code.');

/** The head of an agreement as it stood at `instant`: the events recorded up to then. */
function headAt(events: readonly AuditEvent[], instant: string): AgreementHead | undefined {
  let last: AuditEvent | undefined;
  for (const event of events) {
    if (event.at > instant) break;
    last = event;
  }
  return last && { agreementId: last.agreementId, seq: last.seq, headHash: last.hash };
}

const withCurrent = (head: AgreementHead, record: VerifiedRecord): HeadVerification => ({
  ...head,
  currentSeq: record.head.seq,
  changedSince: record.head.seq !== head.seq,
});

async function verifyAgreementCode(
  code: Extract<DecodedVerificationCode, { issuedFor: 'agreement' }>,
  deps: VerificationDeps,
): Promise<Verification> {
  const record = await readVerifiedRecord({ agreementId: code.agreementId, deps });
  const event = record.events[code.seq - 1];
  if (!event || !carriesHash(code, event.hash)) throw notIssued();
  return {
    genuine: true,
    issuedFor: 'agreement',
    ...withCurrent(
      { agreementId: event.agreementId, seq: event.seq, headHash: event.hash },
      record,
    ),
  };
}

/**
 * A ceremony summary shows all its agreements, or (a member's copy) those
 * its party signs; the code's digest tells which copy it was.
 */
async function verifyCeremonyCode(
  code: Extract<DecodedVerificationCode, { issuedFor: 'ceremony' }>,
  deps: VerificationDeps,
): Promise<Verification> {
  const ceremony = await deps.store.getCeremony(code.ceremonyId);
  if (!ceremony) throw notIssued();
  const records = await Promise.all(
    ceremony.agreementIds.map((agreementId) => readVerifiedRecord({ agreementId, deps })),
  );
  const shown = records.flatMap((record) => {
    const head = headAt(record.events, code.recordedUpTo);
    return head ? [{ head, record }] : [];
  });
  // The full copy, and each party's (the member-visibility rule of `getCeremony`).
  const copies = [undefined, ...ceremony.partyCodes].map((party) => {
    const ids = agreementIdsInScope(ceremony.agreementIds, ceremony.agreementParties, party);
    return shown.filter(({ record }) => ids.includes(record.agreement.id));
  });
  const copy = copies.find(
    (candidate) =>
      candidate.length > 0 && carriesHash(code, ceremonyDigest(candidate.map((c) => c.head))),
  );
  if (!copy) throw notIssued();
  const agreements = copy.map(({ head, record }) => withCurrent(head, record));
  return {
    genuine: true,
    issuedFor: 'ceremony',
    ceremonyId: ceremony.id,
    recordedUpTo: code.recordedUpTo,
    agreements,
    changedSince: agreements.some((a) => a.changedSince),
  };
}

export async function verifyCode({
  code,
  deps,
}: {
  code: string;
  deps: VerificationDeps;
}): Promise<Verification> {
  const decoded = decodeVerificationCode(code);
  if (!decoded) throw notIssued();
  try {
    return decoded.issuedFor === 'agreement'
      ? await verifyAgreementCode(decoded, deps)
      : await verifyCeremonyCode(decoded, deps);
  } catch (error) {
    if (error instanceof NotFoundError) throw notIssued();
    throw error;
  }
}

/** The subject of a summary drawn from `records` (as shown), for its code. */
export function agreementSubject(record: VerifiedRecord): VerificationSubject {
  return {
    issuedFor: 'agreement',
    agreementId: record.agreement.id,
    seq: record.head.seq,
    headHash: record.head.hash,
  };
}

export function ceremonySubject(
  ceremonyId: string,
  records: readonly VerifiedRecord[],
): VerificationSubject {
  // ISO 8601 instants in UTC: the greatest string is the latest instant.
  const recordedUpTo =
    records
      .flatMap((record) => record.events.map((event) => event.at))
      .sort()
      .at(-1) ?? '';
  return {
    issuedFor: 'ceremony',
    ceremonyId,
    recordedUpTo,
    agreements: records.map((record) => ({
      agreementId: record.agreement.id,
      seq: record.head.seq,
      headHash: record.head.hash,
    })),
  };
}
