import { ConflictError, UnprocessableError } from './errors.js';
import type { AgreementStatus, EntryIntoForceRule, Progress, Signatory } from './types.js';

/**
 * Agreement lifecycle: draft ──open──▶ open ──close──▶ closed.
 * Signatory changes are only accepted while the agreement is open.
 */
export type AgreementAction = 'open' | 'close';

const agreementTransitions: Readonly<
  Record<AgreementStatus, Partial<Record<AgreementAction, AgreementStatus>>>
> = {
  draft: { open: 'open' },
  open: { close: 'closed' },
  closed: {},
};

export function nextAgreementStatus(
  current: AgreementStatus,
  action: AgreementAction,
): AgreementStatus {
  const next = agreementTransitions[current][action];
  if (!next) {
    throw new ConflictError(
      `The agreement is ${current}; it cannot be ${action === 'open' ? 'opened' : 'closed'}.`,
      {
        status: current,
      },
    );
  }
  return next;
}

export function assertOpenForSignatures(status: AgreementStatus): void {
  if (status !== 'open') {
    throw new ConflictError(`The agreement is ${status}; signatory changes need it open.`, {
      status,
    });
  }
}

export function progressOf(signatories: readonly Pick<Signatory, 'status'>[]): Progress {
  return {
    signed: signatories.filter((s) => s.status === 'signed').length,
    total: signatories.length,
  };
}

/** Validates a rule against the signatories it will govern. */
export function checkEntryIntoForceRule(
  rule: EntryIntoForceRule,
  signatories: readonly { readonly member?: boolean }[],
): void {
  const signatoryCount = signatories.length;
  if (rule.rule === 'count' && rule.count > signatoryCount) {
    throw new UnprocessableError(
      'Entry into force needs more signatures than there are signatories.',
      [
        {
          path: 'entryIntoForce.count',
          message: `must be at most ${signatoryCount}, the number of signatories`,
        },
      ],
    );
  }
  // The qualifier counts members among the parties counted: no more than either.
  const members = signatories.filter((signatory) => signatory.member !== false).length;
  const countable = rule.rule === 'count' ? Math.min(members, rule.count) : members;
  if (rule.qualifier && rule.qualifier.members > countable)
    throw new UnprocessableError('Entry into force asks for more members than it can count.', [
      {
        path: 'entryIntoForce.qualifier.members',
        message: `must be at most ${countable}, the members among the parties it counts`,
      },
    ]);
}

export function meetsEntryIntoForce(rule: EntryIntoForceRule, progress: Progress): boolean {
  return rule.rule === 'all'
    ? progress.total > 0 && progress.signed === progress.total
    : progress.signed >= rule.count;
}

/**
 * When the agreement entered into force, given its signatories after a change.
 * It is the moment of the signature that completed the rule, in signing time
 * (`signedAt`), not in the order the secretariat happened to record them: with
 * rule `count: n`, the n-th earliest signature; with `all`, the last one.
 * Entry into force is a historical fact: once reached it stays, even if a
 * party later withdraws (withdrawal binds only the withdrawing party).
 */
export function entryIntoForceAt(
  rule: EntryIntoForceRule,
  signatories: readonly Pick<Signatory, 'status' | 'signedAt'>[],
  previousInForceAt: string | undefined,
): string | undefined {
  const completing = meetsEntryIntoForce(rule, progressOf(signatories))
    ? signatories
        .filter((s) => s.status === 'signed' && s.signedAt)
        .map((s) => s.signedAt!)
        .sort((a, b) => Date.parse(a) - Date.parse(b))[
        (rule.rule === 'count' ? rule.count : signatories.length) - 1
      ]
    : undefined;
  // A signature recorded late but signed earlier can move the date back; nothing moves it forward.
  if (previousInForceAt && completing) {
    return Date.parse(completing) < Date.parse(previousInForceAt) ? completing : previousInForceAt;
  }
  return previousInForceAt ?? completing;
}
