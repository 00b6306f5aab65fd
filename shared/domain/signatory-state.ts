import { ConflictError } from './errors.js';
import type { SignatoryStatus } from './types.js';

/**
 * The signatory state machine of the contract:
 *
 *   pending ──sign──▶ signed ──withdraw──▶ withdrawn
 *      │                ▲
 *      └──decline──▶ declined
 *
 * `declined → signed` lets a delegation reconsider. Anything else is a conflict.
 */
export type SignatoryAction = 'sign' | 'decline' | 'withdraw';

const transitions: Readonly<
  Record<SignatoryStatus, Partial<Record<SignatoryAction, SignatoryStatus>>>
> = {
  pending: { sign: 'signed', decline: 'declined' },
  declined: { sign: 'signed' },
  signed: { withdraw: 'withdrawn' },
  withdrawn: {},
};

export const signatoryStatuses: readonly SignatoryStatus[] = [
  'pending',
  'signed',
  'declined',
  'withdrawn',
];
export const signatoryActions: readonly SignatoryAction[] = ['sign', 'decline', 'withdraw'];

/** The state `action` leads to from `current`, or undefined when the machine forbids it. */
export function signatoryTransition(
  current: SignatoryStatus,
  action: SignatoryAction,
): SignatoryStatus | undefined {
  return transitions[current][action];
}

/** Like {@link signatoryTransition} but throws a {@link ConflictError} carrying the current state. */
export function nextSignatoryStatus(
  party: string,
  current: SignatoryStatus,
  action: SignatoryAction,
): SignatoryStatus {
  const next = signatoryTransition(current, action);
  if (!next) {
    throw new ConflictError(`Signatory ${party} is ${current}; it cannot ${action}.`, {
      party,
      status: current,
      allowedActions: signatoryActions.filter((a) => signatoryTransition(current, a)),
    });
  }
  return next;
}
