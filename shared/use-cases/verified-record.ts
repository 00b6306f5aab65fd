import { NotFoundError } from '../domain/errors.js';
import type { ChainHead } from '../domain/hash-chain.js';
import { assertRecordIntegrity } from '../domain/record-integrity.js';
import type { Agreement, AuditEvent } from '../domain/types.js';
import type { AuditStore } from './audit.js';
import type { SigningStore } from './ports.js';

/** An agreement as stored, its events, and the head both agree on. */
export interface VerifiedRecord {
  readonly agreement: Agreement;
  readonly events: readonly AuditEvent[];
  readonly head: ChainHead;
}

export interface VerifiedRecordDeps {
  readonly store: Pick<SigningStore, 'getAgreement'>;
  readonly audit: Pick<AuditStore, 'listAllEvents'>;
}

const READ_ATTEMPTS = 3;

/**
 * Reads an agreement's events and checks that they and the state vouch for
 * each other (`assertRecordIntegrity`), or throws `IntegrityError`. The
 * state was read first; a change committed before the events are read shows
 * up as events past its head, and only that case is read again (a few
 * times), so the record returned may be newer than `agreement`.
 */
export async function verifyRecord(
  agreement: Agreement,
  deps: VerifiedRecordDeps,
): Promise<VerifiedRecord> {
  for (let attempt = 1, state = agreement; ; attempt++) {
    const events = await deps.audit.listAllEvents(state.id);
    if (events.length > state.chain.headSeq && attempt < READ_ATTEMPTS) {
      state = (await deps.store.getAgreement(state.id)) ?? state;
      continue;
    }
    return { agreement: state, events, head: assertRecordIntegrity(state, events) };
  }
}

/** `verifyRecord` of an agreement read by id (404 if there is none). */
export async function readVerifiedRecord({
  agreementId,
  deps,
}: {
  agreementId: string;
  deps: VerifiedRecordDeps;
}): Promise<VerifiedRecord> {
  const agreement = await deps.store.getAgreement(agreementId);
  if (!agreement) throw new NotFoundError('Agreement not found.');
  return verifyRecord(agreement, deps);
}
