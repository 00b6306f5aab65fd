import { assertMayRead, partiesOf, partyScope } from '../domain/access.js';
import {
  type AgreementTransition,
  assertVersion,
  type ChangeContext,
  changeAgreementStatus,
  changeSignatory,
  createAgreement as newAgreement,
  type SignatoryChange,
} from '../domain/agreement-changes.js';
import { assertCeremonyCovers } from '../domain/conference.js';
import { NotFoundError } from '../domain/errors.js';
import { toUtcTimestamp } from '../domain/time.js';
import type { Actor, Agreement } from '../domain/types.js';
import type { TCreateAgreement } from '../schemas/requests.js';
import { getConference } from './conferences.js';
import type { AgreementSummary, Page, PageRequest, UseCaseDeps } from './ports.js';
import { retryOnConcurrentChange } from './retry.js';

interface Caller {
  readonly actor: Actor;
  readonly requestId: string;
  readonly deps: UseCaseDeps;
}

const contextOf = ({ actor, requestId, deps }: Caller): ChangeContext => ({
  actor,
  requestId,
  at: toUtcTimestamp(deps.clock()),
});

export async function createAgreement(
  caller: Caller & { conferenceId: string; input: TCreateAgreement },
): Promise<Agreement> {
  const conference = await getConference({ conferenceId: caller.conferenceId, deps: caller.deps });
  const transition = newAgreement(
    { ...caller.input, id: caller.deps.newId() },
    conference,
    contextOf(caller),
  );
  await caller.deps.store.createAgreement(transition);
  return transition.after;
}

export async function getAgreement({
  agreementId,
  actor,
  deps,
}: {
  agreementId: string;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<Agreement> {
  const agreement = await deps.store.getAgreement(agreementId);
  if (!agreement) throw new NotFoundError('Agreement not found.');
  assertMayRead(actor, partiesOf(agreement), 'Agreement');
  return agreement;
}

export async function listAgreements(args: {
  conferenceId: string;
  page: PageRequest;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<Page<AgreementSummary>> {
  await getConference(args);
  return args.deps.store.listAgreements(args.conferenceId, args.page, partyScope(args.actor));
}

/**
 * Read, decide, commit conditionally; on a lost race, again from a fresh read.
 * `If-Match` is checked against each fresh read, so a stale version is a 412
 * even when the race was lost to someone else.
 */
async function changeAgreement(
  caller: Caller & { agreementId: string; ifMatch?: readonly number[] },
  decide: (before: Agreement, context: ChangeContext) => AgreementTransition,
): Promise<AgreementTransition> {
  return retryOnConcurrentChange(async () => {
    const before = await caller.deps.store.getAgreement(caller.agreementId);
    if (!before) throw new NotFoundError('Agreement not found.');
    assertVersion(before.version, caller.ifMatch);
    const transition = decide(before, contextOf(caller));
    await caller.deps.store.commitAgreementChange(transition);
    return transition;
  });
}

export async function changeAgreementLifecycle(
  caller: Caller & { agreementId: string; ifMatch?: readonly number[]; action: 'open' | 'close' },
): Promise<Agreement> {
  const transition = await changeAgreement(caller, (before, context) =>
    changeAgreementStatus(before, caller.action, context),
  );
  return transition.after;
}

export async function changeSignatoryState(
  caller: Caller & {
    agreementId: string;
    ifMatch?: readonly number[];
    party: string;
    change: SignatoryChange;
  },
): Promise<AgreementTransition> {
  const { change } = caller;
  const ceremony =
    change.action === 'sign' && change.ceremonyId
      ? await caller.deps.store.getCeremony(change.ceremonyId)
      : undefined;
  return changeAgreement(caller, (before, context) => {
    // Unknown agreement or party (404) and a refused transition (409) outrank a wrong ceremony (422).
    const transition = changeSignatory(before, caller.party, change, context);
    if (change.action === 'sign' && change.ceremonyId)
      assertCeremonyCovers(ceremony, caller.agreementId);
    return transition;
  });
}
