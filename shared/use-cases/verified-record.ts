import { assertMayRead } from '../domain/access.js';
import { NotFoundError } from '../domain/errors.js';
import type { ChainHead } from '../domain/hash-chain.js';
import { assertRecordIntegrity } from '../domain/record-integrity.js';
import type { Actor, Agreement, AuditEvent } from '../domain/types.js';
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
 * Reads an agreement and all its events and checks that they vouch for each
 * other (`assertRecordIntegrity`), or throws `IntegrityError`. The state is
 * read first; a change committed before the events are read shows up as
 * events past its head, and only that case is read again (a few times).
 * With an `actor`, one who may not read the agreement gets the 404 first.
 */
export async function readVerifiedRecord({
  agreementId,
  actor,
  deps,
}: {
  agreementId: string;
  actor?: Actor;
  deps: VerifiedRecordDeps;
}): Promise<VerifiedRecord> {
  for (let attempt = 1; ; attempt++) {
    const agreement = await deps.store.getAgreement(agreementId);
    if (!agreement) throw new NotFoundError('Agreement not found.');
    if (actor)
      assertMayRead(
        actor,
        agreement.signatories.map((s) => s.party),
        'Agreement',
      );
    const events = await deps.audit.listAllEvents(agreementId);
    if (events.length > agreement.chain.headSeq && attempt < READ_ATTEMPTS) continue;
    return { agreement, events, head: assertRecordIntegrity(agreement, events) };
  }
}
