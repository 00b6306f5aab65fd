import { assertMayRead, partiesOf, partyScope } from '../domain/access.js';
import {
  type ActRecording,
  type AgreementTransition,
  assertVersion,
  type ChangeContext,
  changeAgreementStatus,
  changeSignatory,
  createAgreement as newAgreement,
  type SignatoryChange,
} from '../domain/agreement-changes.js';
import {
  type AgreementView,
  agreementAt,
  inForceOn,
  type PointInTime,
  type SignatoryView,
  standingDateAt,
  viewOf,
} from '../domain/agreement-view.js';
import { type CalendarDate, dateInZone } from '../domain/calendar-date.js';
import { assertCeremonyCovers } from '../domain/conference.js';
import { NotFoundError } from '../domain/errors.js';
import { toUtcTimestamp } from '../domain/time.js';
import type { Actor, Agreement, AuditEvent } from '../domain/types.js';
import type { TCreateAgreement } from '../schemas/commands.js';
import { getConference } from './conferences.js';
import {
  type AgreementSummary,
  DEFAULT_DEPOSITARY,
  type Depositary,
  type Page,
  type PageRequest,
  type UseCaseDeps,
} from './ports.js';
import { retryOnConcurrentChange } from './retry.js';

export interface Caller {
  readonly actor: Actor;
  readonly requestId: string;
  readonly deps: UseCaseDeps;
}

const contextOf = ({ actor, requestId, deps }: Caller): ChangeContext => ({
  actor,
  requestId,
  at: toUtcTimestamp(deps.clock()),
});

export const depositaryOf = (deps: UseCaseDeps): Depositary =>
  deps.depositary ?? DEFAULT_DEPOSITARY;

/** Today in the depositary's calendar: the date standings are shown for unless asked. */
export const todayOf = (deps: UseCaseDeps): CalendarDate =>
  dateInZone(deps.clock(), depositaryOf(deps).timeZone);

/** The agreement as the API shows it: with every party's standing today. */
export const presentAgreement = (agreement: Agreement, deps: UseCaseDeps): AgreementView =>
  viewOf(agreement, todayOf(deps));

export function presentSignatory(agreement: Agreement, party: string, deps: UseCaseDeps) {
  return presentAgreement(agreement, deps).signatories.find((s) => s.party === party)!;
}

export async function createAgreement(
  caller: Caller & { conferenceId: string; input: TCreateAgreement },
): Promise<AgreementView> {
  const conference = await getConference({ conferenceId: caller.conferenceId, deps: caller.deps });
  const transition = newAgreement(
    { ...caller.input, id: caller.deps.newId() },
    conference,
    contextOf(caller),
  );
  await caller.deps.store.createAgreement(transition);
  return presentAgreement(transition.after, caller.deps);
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

/**
 * The agreement for its reader: now, or at a point in time replayed from
 * its events. Before it was recorded, it did not exist (404).
 */
export async function readAgreement(args: {
  agreementId: string;
  actor: Actor;
  point?: PointInTime;
  deps: UseCaseDeps;
}): Promise<AgreementView> {
  const agreement = await getAgreement(args);
  const { point, deps } = args;
  if (!point) return presentAgreement(agreement, deps);
  assertRecordedAt(agreement, point);
  return viewAt(agreement, await deps.store.agreementEvents(agreement.id), point, deps);
}

/** 404 for a moment before the agreement was recorded: it did not exist then. */
export function assertRecordedAt(agreement: Agreement, point: PointInTime): void {
  if ('asRecordedAt' in point && point.asRecordedAt < agreement.createdAt)
    throw new NotFoundError('The agreement was not yet recorded at that moment.');
}

/** The view of an agreement whose events are at hand: now, or replayed to `point`. */
export function viewAt(
  agreement: Agreement,
  events: readonly AuditEvent[],
  point: PointInTime | undefined,
  deps: UseCaseDeps,
): AgreementView {
  if (!point) return presentAgreement(agreement, deps);
  return agreementAt(agreement, events, point, depositaryOf(deps).timeZone);
}

/** The day a view gives standings for: the point's, or today in the depositary's calendar. */
export const standingDateOf = (point: PointInTime | undefined, deps: UseCaseDeps) =>
  point ? standingDateAt(point, depositaryOf(deps).timeZone) : todayOf(deps);

export async function listAgreements(args: {
  conferenceId: string;
  page: PageRequest;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<Page<AgreementSummary>> {
  await getConference(args);
  const page = await args.deps.store.listAgreements(
    args.conferenceId,
    args.page,
    partyScope(args.actor),
  );
  const today = todayOf(args.deps);
  return { ...page, items: page.items.map((summary) => inForceOn(summary, today)) };
}

/**
 * Read, decide, commit conditionally; on a lost race, again from a fresh read.
 * `If-Match` is checked against each fresh read, so a stale version is a 412
 * even when the race was lost to someone else. `alongside` reads, in
 * parallel with the agreement and afresh on every attempt, what else the
 * decision needs.
 */
function changeAgreementWith<T>(
  caller: Caller & { agreementId: string; ifMatch?: readonly number[] },
  alongside: (context: ChangeContext) => Promise<T>,
  decide: (before: Agreement, context: ChangeContext, also: T) => AgreementTransition,
): Promise<AgreementTransition> {
  return retryOnConcurrentChange(async () => {
    const context = contextOf(caller);
    const [before, also] = await Promise.all([
      caller.deps.store.getAgreement(caller.agreementId),
      alongside(context),
    ]);
    if (!before) throw new NotFoundError('Agreement not found.');
    assertVersion(before.version, caller.ifMatch);
    const transition = decide(before, context, also);
    await caller.deps.store.commitAgreementChange(transition);
    return transition;
  });
}

/** A change of the agreement itself (open, close): no act, no notification number. */
const changeAgreement = (
  caller: Caller & { agreementId: string; ifMatch?: readonly number[] },
  decide: (before: Agreement, context: ChangeContext) => AgreementTransition,
) => changeAgreementWith(caller, async () => undefined, decide);

/**
 * A change that records an act: each attempt also reads the year's last
 * notification number, and the commit takes the next one only if nobody
 * took it meanwhile.
 */
export function changeAgreementByAct(
  caller: Caller & { agreementId: string; ifMatch?: readonly number[] },
  decide: (
    before: Agreement,
    context: ChangeContext,
    recording: ActRecording,
  ) => AgreementTransition,
): Promise<AgreementTransition> {
  const { timeZone, notificationPrefix: prefix } = depositaryOf(caller.deps);
  return changeAgreementWith(
    caller,
    async (context): Promise<ActRecording> => {
      const year = Number(dateInZone(context.at, timeZone).slice(0, 4));
      const last = await caller.deps.store.lastNotificationNumber(prefix, year);
      return { timeZone, notification: { prefix, year, n: last + 1 } };
    },
    decide,
  );
}

export async function changeAgreementLifecycle(
  caller: Caller & { agreementId: string; ifMatch?: readonly number[]; action: 'open' | 'close' },
): Promise<AgreementView> {
  const transition = await changeAgreement(caller, (before, context) =>
    changeAgreementStatus(before, caller.action, context),
  );
  return presentAgreement(transition.after, caller.deps);
}

export async function changeSignatoryState(
  caller: Caller & {
    agreementId: string;
    ifMatch?: readonly number[];
    party: string;
    change: SignatoryChange;
  },
): Promise<{ agreement: Agreement; signatory: SignatoryView }> {
  const { change } = caller;
  const ceremony =
    change.action === 'sign' && change.ceremonyId
      ? await caller.deps.store.getCeremony(change.ceremonyId)
      : undefined;
  const { after } = await changeAgreementByAct(caller, (before, context, recording) => {
    // Unknown agreement or party (404) and a refused transition (409) outrank a wrong ceremony (422).
    const transition = changeSignatory(before, caller.party, change, context, recording);
    if (change.action === 'sign' && change.ceremonyId)
      assertCeremonyCovers(ceremony, caller.agreementId);
    return transition;
  });
  return { agreement: after, signatory: presentSignatory(after, caller.party, caller.deps) };
}
