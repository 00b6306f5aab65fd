import { actsOf, checkAct, rulesOf } from './act-rules.js';
import { type Act, type ActInput, actId, type DepositaryNotification } from './acts.js';
import {
  assertOpenForSignatures,
  checkEntryIntoForceRule,
  entryIntoForceAt,
  nextAgreementStatus,
  progressOf,
} from './agreement-rules.js';
import { type CalendarDate, dateInZone } from './calendar-date.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from './errors.js';
import { appendEvents, EMPTY_CHAIN, type UnhashedEvent } from './hash-chain.js';
import { rosterHash } from './roster.js';
import { nextSignatoryStatus, type SignatoryAction } from './signatory-state.js';
import { isInstantRule, standingOf } from './standing.js';
import { earliestDateIssue, isAfter, toUtcTimestamp } from './time.js';
import type {
  Actor,
  Agreement,
  AuditAction,
  AuditEvent,
  Conference,
  EntryIntoForceRule,
  Person,
  Signatory,
} from './types.js';

/**
 * Every change to an agreement as a pure function of its current state:
 * (agreement, input, context) → the agreement after, the signatory touched,
 * and the audit events that record it. The store persists exactly this,
 * atomically; nothing else decides.
 */

export interface ChangeContext {
  readonly actor: Actor;
  readonly requestId: string;
  /** Server time of the change, UTC. */
  readonly at: string;
}

export interface AgreementTransition {
  readonly before?: Agreement;
  readonly after: Agreement;
  /** The signatory this change touched, as it is after the change. */
  readonly signatory?: Signatory;
  readonly events: readonly AuditEvent[];
  /** The act this change recorded, and the notification that numbers it. */
  readonly act?: Act;
  readonly notification?: DepositaryNotification;
}

/** A depositary notification number, `<prefix>/<yyyy>/<n>`: n-th of its prefix and year. */
export interface NotificationNumber {
  readonly prefix: string;
  readonly year: number;
  readonly n: number;
}

export const formatNotification = ({ prefix, year, n }: NotificationNumber) =>
  `${prefix}/${year}/${n}`;

/**
 * What recording an act needs beyond the agreement: the depositary's
 * calendar and the notification number the act takes (the store commits
 * its counter in the same transaction). Without a number the act is
 * recorded unnumbered: only tooling that writes events directly does that.
 */
export interface ActRecording {
  readonly timeZone: string;
  readonly notification?: NotificationNumber;
}

const UNNUMBERED_UTC: ActRecording = { timeZone: 'UTC' };

type EventDraft = Omit<
  UnhashedEvent,
  'seq' | 'prevHash' | 'agreementId' | 'at' | 'actor' | 'requestId'
>;

function withEvents(
  before: Agreement | undefined,
  after: Omit<Agreement, 'chain' | 'version'>,
  drafts: EventDraft[],
  context: ChangeContext,
) {
  const events = appendEvents(
    before ? { seq: before.chain.headSeq, hash: before.chain.headHash } : EMPTY_CHAIN,
    drafts.map((draft) => ({
      agreementId: after.id,
      at: context.at,
      ...draft,
      actor: context.actor,
      requestId: context.requestId,
    })),
  );
  const head = events.at(-1)!;
  const agreement: Agreement = {
    ...after,
    updatedAt: context.at,
    chain: { headSeq: head.seq, headHash: head.hash },
    version: head.seq,
  };
  return { agreement, events };
}

export interface NewAgreement {
  readonly id: string;
  readonly title: string;
  readonly kind?: string;
  readonly documentSha256: string;
  readonly signatories: readonly {
    readonly party: string;
    readonly representative?: Person;
    readonly member?: boolean;
  }[];
  readonly entryIntoForce?: EntryIntoForceRule;
  readonly open?: boolean;
}

export function createAgreement(
  input: NewAgreement,
  conference: Pick<Conference, 'id' | 'parties'>,
  context: ChangeContext,
): AgreementTransition {
  const partyNames = new Map(conference.parties.map((p) => [p.code, p.name]));
  const issues = input.signatories.flatMap((s, index) =>
    partyNames.has(s.party)
      ? []
      : [
          {
            path: `signatories.${index}.party`,
            message: `${s.party} is not a party of the conference`,
          },
        ],
  );
  const seen = new Set<string>();
  input.signatories.forEach((s, index) => {
    if (seen.has(s.party))
      issues.push({
        path: `signatories.${index}.party`,
        message: `${s.party} is listed more than once`,
      });
    seen.add(s.party);
  });
  if (issues.length > 0)
    throw new UnprocessableError('The signatories do not fit the conference.', issues);
  const entryIntoForce = input.entryIntoForce ?? { rule: 'all' };
  checkEntryIntoForceRule(entryIntoForce, input.signatories);

  const signatories: Signatory[] = input.signatories.map((s) => ({
    party: s.party,
    partyName: partyNames.get(s.party)!,
    status: 'pending',
    ...(s.representative && { representative: s.representative }),
    ...(s.member === false && { member: false }),
    updatedAt: context.at,
  }));
  const status = input.open ? 'open' : 'draft';
  const drafts: EventDraft[] = [
    {
      action: 'AGREEMENT_CREATED',
      data: {
        conferenceId: conference.id,
        title: input.title,
        kind: input.kind ?? 'agreement',
        documentSha256: input.documentSha256,
        entryIntoForce,
        signatories: signatories.map((s) => s.party),
        rosterSha256: rosterHash(signatories),
      },
    },
    ...(input.open ? [{ action: 'AGREEMENT_OPENED' as const, data: {} }] : []),
  ];
  const { agreement, events } = withEvents(
    undefined,
    {
      id: input.id,
      conferenceId: conference.id,
      title: input.title,
      kind: input.kind ?? 'agreement',
      documentSha256: input.documentSha256,
      status,
      entryIntoForce,
      signatories,
      progress: progressOf(signatories),
      inForce: false,
      createdAt: context.at,
      updatedAt: context.at,
    },
    drafts,
    context,
  );
  return { after: agreement, events };
}

/**
 * Runs the state checks of a change; a conflict carries the agreement's
 * version, which the client sends as `If-Match` once it has looked again.
 */
function againstCurrentVersion<T>(before: Agreement, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    throw new ConflictError(error.message, error.current, { currentVersion: before.version });
  }
}

export function changeAgreementStatus(
  before: Agreement,
  action: 'open' | 'close',
  context: ChangeContext,
): AgreementTransition {
  const status = againstCurrentVersion(before, () => nextAgreementStatus(before.status, action));
  const eventAction: AuditAction = action === 'open' ? 'AGREEMENT_OPENED' : 'AGREEMENT_CLOSED';
  const data = action === 'close' ? { progress: before.progress, inForce: before.inForce } : {};
  const { agreement, events } = withEvents(
    before,
    { ...before, status },
    [{ action: eventAction, data }],
    context,
  );
  return { before, after: agreement, events };
}

export type SignatoryChange =
  | {
      readonly action: 'sign';
      readonly signedBy: Person;
      readonly signedAt: string;
      readonly place?: string;
      readonly ceremonyId?: string;
    }
  | { readonly action: 'decline'; readonly reason?: string }
  | { readonly action: 'withdraw'; readonly reason: string };

const signatoryEventAction: Readonly<Record<SignatoryAction, AuditAction>> = {
  sign: 'SIGNATURE_RECORDED',
  decline: 'SIGNATURE_DECLINED',
  withdraw: 'SIGNATURE_WITHDRAWN',
};

/** The fields a state replaces; fields of earlier states that no longer apply are dropped. */
function signatoryAfter(current: Signatory, change: SignatoryChange, at: string): Signatory {
  const identity = {
    party: current.party,
    partyName: current.partyName,
  };
  const representative = {
    ...(current.representative && { representative: current.representative }),
    ...(current.member === false && { member: false }),
  };
  switch (change.action) {
    case 'sign':
      return {
        ...identity,
        status: 'signed',
        ...representative,
        signedBy: change.signedBy,
        signedAt: toUtcTimestamp(change.signedAt),
        ...(change.place && { place: change.place }),
        ...(change.ceremonyId && { ceremonyId: change.ceremonyId }),
        updatedAt: at,
      };
    case 'decline':
      return {
        ...identity,
        status: 'declined',
        ...representative,
        ...(change.reason && { reason: change.reason }),
        updatedAt: at,
      };
    case 'withdraw': {
      // The signature being withdrawn stays on record next to the reason.
      const { updatedAt: _previous, ...signature } = current;
      return { ...signature, status: 'withdrawn', reason: change.reason, updatedAt: at };
    }
  }
}

/** The v1 routes' changes as the acts they record. */
function actInputOf(
  change: SignatoryChange,
  signedAt: string,
  today: CalendarDate,
  timeZone: string,
): ActInput {
  switch (change.action) {
    case 'sign': {
      const { action: _action, ...signature } = change;
      return {
        type: 'signature',
        kind: 'simple',
        date: dateInZone(signedAt, timeZone),
        ...signature,
        signedAt,
      };
    }
    case 'decline':
      return { type: 'decline', date: today, ...(change.reason && { reason: change.reason }) };
    case 'withdraw':
      return { type: 'signature-withdrawn', date: today, reason: change.reason };
  }
}

/** The v1 signatory fields after an act: only signatures, declines and withdrawals change them. */
function legacyAfter(current: Signatory, act: Act, at: string): Signatory {
  switch (act.type) {
    case 'signature':
      return signatoryAfter(current, { action: 'sign', ...act }, at);
    case 'decline':
      return signatoryAfter(current, { action: 'decline', ...act }, at);
    case 'signature-withdrawn':
      return signatoryAfter(current, { action: 'withdraw', ...act }, at);
    default:
      return { ...current, updatedAt: at };
  }
}

function signatoryOf(agreement: Agreement, party: string): Signatory {
  const signatory = agreement.signatories.find((s) => s.party === party);
  if (!signatory) throw new NotFoundError(`${party} is not a signatory of this agreement.`);
  return signatory;
}

/**
 * The agreement after a recorded act: the party's v1 fields, its acts,
 * progress and entry into force. Recording and replaying (point in time)
 * both go through this one fold; chain and version are the caller's.
 */
export function applyRecordedAct(before: Agreement, act: Act): Agreement {
  const current = signatoryOf(before, act.party);
  const { acts: previous = [], ...fields } = legacyAfter(current, act, act.recordedAt);
  const signatory: Signatory = { ...fields, acts: [...previous, act] };
  const signatories = before.signatories.map((s) => (s.party === act.party ? signatory : s));
  const rule = before.entryIntoForce;
  // Stored as of the recording's UTC day, so that a replay of the events needs no
  // configuration; reads recompute it for the reader's day in the depositary's calendar.
  const today = act.recordedAt.slice(0, 10);
  // The v1 rule keeps its timestamp (the completing signature); other rules date entry into force by the calendar.
  const inForceAt = isInstantRule(rule)
    ? entryIntoForceAt(rule, signatories, before.inForceAt)
    : standingOf(actsOf(signatories), rulesOf({ entryIntoForce: rule, signatories }), '9999-12-31')
        .inForceAt;
  const { inForceAt: _previous, ...rest } = before;
  return {
    ...rest,
    signatories,
    progress: progressOf(signatories),
    inForce: inForceAt !== undefined && (isInstantRule(rule) || inForceAt <= today),
    ...(inForceAt && { inForceAt }),
    updatedAt: act.recordedAt,
  };
}

/**
 * Appends `input` as the party's next act: the act (id `<agreementId>:<seq>`,
 * its notification number), the party's v1 fields, progress and entry into
 * force after it, and the one audit event recording it (`data.act`).
 */
function appendAct(
  before: Agreement,
  current: Signatory,
  input: ActInput,
  context: ChangeContext,
  recording: ActRecording,
  event: {
    action: AuditAction;
    data: (after: Pick<Agreement, 'progress' | 'inForceAt'>) => Record<string, unknown>;
  },
): AgreementTransition {
  const act: Act = {
    ...input,
    id: actId(before.id, before.chain.headSeq + 1),
    party: current.party,
    recordedAt: context.at,
    ...(recording.notification && { notification: formatNotification(recording.notification) }),
  };
  const after = applyRecordedAct(before, act);
  const signatory = signatoryOf(after, current.party);
  const { agreement, events } = withEvents(
    before,
    after,
    [{ action: event.action, party: current.party, data: { ...event.data(after), act } }],
    context,
  );
  const number = recording.notification;
  return {
    before,
    after: agreement,
    signatory,
    events,
    act,
    ...(number && {
      notification: {
        notification: formatNotification(number),
        ...number,
        issuedOn: dateInZone(context.at, recording.timeZone),
        agreementId: before.id,
        agreementTitle: before.title,
        actId: act.id,
        party: act.party,
        actType: act.type,
        date: act.date,
        recordedAt: act.recordedAt,
      },
    }),
  };
}

/** A signature's time (at `path`): neither after the moment it is recorded nor before 1900. */
function checkSignedAt(path: string, signedAt: string, at: string): void {
  if (isAfter(signedAt, at))
    throw new UnprocessableError('A signature cannot be recorded before it happened.', [
      { path, message: 'must not lie in the future' },
    ]);
  const early = earliestDateIssue(path, signedAt);
  if (early) throw new UnprocessableError('The signature is dated before 1900.', [early]);
}

export function changeSignatory(
  before: Agreement,
  party: string,
  change: SignatoryChange,
  context: ChangeContext,
  recording: ActRecording = UNNUMBERED_UTC,
): AgreementTransition {
  const current = signatoryOf(before, party);
  againstCurrentVersion(before, () => {
    assertOpenForSignatures(before.status);
    nextSignatoryStatus(party, current.status, change.action);
  });
  if (change.action === 'sign') checkSignedAt('signedAt', change.signedAt, context.at);
  const signedAt = change.action === 'sign' ? toUtcTimestamp(change.signedAt) : context.at;
  const input = actInputOf(
    change,
    signedAt,
    dateInZone(context.at, recording.timeZone),
    recording.timeZone,
  );
  const { action: _action, ...details } = change;
  return appendAct(before, current, input, context, recording, {
    action: signatoryEventAction[change.action],
    data: (after) => ({
      ...details,
      ...(change.action === 'sign' && { signedAt }),
      previousStatus: current.status,
      progress: after.progress,
      ...(after.inForceAt && !before.inForceAt && { enteredIntoForce: true }),
    }),
  });
}

/** Records an act of the contract's table on `party`, if the record allows it. */
export function recordAct(
  before: Agreement,
  party: string,
  input: ActInput,
  context: ChangeContext,
  recording: ActRecording,
): AgreementTransition {
  const signatory = signatoryOf(before, party);
  if (input.type === 'signature') checkSignedAt('signedAt', input.signedAt, context.at);
  if (input.type === 'correction' && typeof input.fields.signedAt === 'string')
    checkSignedAt('fields.signedAt', input.fields.signedAt, context.at);
  againstCurrentVersion(before, () =>
    checkAct({
      agreement: before,
      signatory,
      input,
      today: dateInZone(context.at, recording.timeZone),
    }),
  );
  return appendAct(before, signatory, input, context, recording, {
    action: 'ACT_RECORDED',
    data: (after) => ({
      progress: after.progress,
      ...(after.inForceAt && !before.inForceAt && { enteredIntoForce: true }),
    }),
  });
}

/** Guards an optional `If-Match`: the current version must be one of those named. */
export function assertVersion(current: number, accepted: readonly number[] | undefined): void {
  if (accepted !== undefined && !accepted.includes(current)) {
    throw new PreconditionFailedError(
      `If-Match does not name the current version, ${current}; read the agreement again.`,
      current,
    );
  }
}
