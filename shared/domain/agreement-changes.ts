import {
  assertOpenForSignatures,
  checkEntryIntoForceRule,
  entryIntoForceAt,
  nextAgreementStatus,
  progressOf,
} from './agreement-rules.js';
import { NotFoundError, PreconditionFailedError, UnprocessableError } from './errors.js';
import { appendEvents, EMPTY_CHAIN, type UnhashedEvent } from './hash-chain.js';
import { rosterHash } from './roster.js';
import { nextSignatoryStatus, type SignatoryAction } from './signatory-state.js';
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
}

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
  readonly signatories: readonly { readonly party: string; readonly representative?: Person }[];
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
  checkEntryIntoForceRule(entryIntoForce, input.signatories.length);

  const signatories: Signatory[] = input.signatories.map((s) => ({
    party: s.party,
    partyName: partyNames.get(s.party)!,
    status: 'pending',
    ...(s.representative && { representative: s.representative }),
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

export function changeAgreementStatus(
  before: Agreement,
  action: 'open' | 'close',
  context: ChangeContext,
): AgreementTransition {
  const status = nextAgreementStatus(before.status, action);
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
  const representative = current.representative && { representative: current.representative };
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

export function changeSignatory(
  before: Agreement,
  party: string,
  change: SignatoryChange,
  context: ChangeContext,
): AgreementTransition {
  const current = before.signatories.find((s) => s.party === party);
  if (!current) throw new NotFoundError(`${party} is not a signatory of this agreement.`);
  assertOpenForSignatures(before.status);
  nextSignatoryStatus(party, current.status, change.action);
  if (change.action === 'sign' && isAfter(change.signedAt, context.at)) {
    throw new UnprocessableError('A signature cannot be recorded before it happened.', [
      { path: 'signedAt', message: 'must not lie in the future' },
    ]);
  }
  const early = change.action === 'sign' && earliestDateIssue('signedAt', change.signedAt);
  if (early) throw new UnprocessableError('The signature is dated before 1900.', [early]);

  const signatory = signatoryAfter(current, change, context.at);
  const signatories = before.signatories.map((s) => (s.party === party ? signatory : s));
  const progress = progressOf(signatories);
  const inForceAt = entryIntoForceAt(before.entryIntoForce, signatories, before.inForceAt);
  const { action: _action, ...details } = change;
  const { agreement, events } = withEvents(
    before,
    {
      ...before,
      signatories,
      progress,
      inForce: inForceAt !== undefined,
      ...(inForceAt && { inForceAt }),
    },
    [
      {
        action: signatoryEventAction[change.action],
        party,
        data: {
          ...details,
          ...(change.action === 'sign' && { signedAt: signatory.signedAt }),
          previousStatus: current.status,
          progress,
          ...(inForceAt && !before.inForceAt && { enteredIntoForce: true }),
        },
      },
    ],
    context,
  );
  return { before, after: agreement, signatory, events };
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
