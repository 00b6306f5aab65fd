import { ForbiddenError, NotFoundError } from './errors.js';
import type { Actor, Role } from './types.js';

/**
 * Who may see what, beyond the per-route role list in the route table (`shared/contract/`).
 * Members see only records their party signs; to them anything else does
 * not exist (404), so that guessing ids reveals nothing.
 */

export function assertRole(actor: Actor, allowed: readonly Role[]): void {
  if (!allowed.includes(actor.role)) {
    throw new ForbiddenError(`The ${actor.role} role may not do this.`);
  }
}

/** The party filter a listing must apply for this actor, if any. */
export function partyScope(actor: Actor): string | undefined {
  return actor.role === 'member' ? (actor.party ?? '') : undefined;
}

/** Each agreement a ceremony covers, with the parties that sign it. */
export type AgreementParties = Readonly<Record<string, readonly string[]>>;

/**
 * The agreements of a ceremony a reader may know of: all of them, or, in a
 * member's scope, those its party signs (to a member the others do not
 * exist, as their own reads answer 404). Without the party map nothing is
 * shown to a member: never more than it may see.
 */
export function agreementIdsInScope(
  agreementIds: readonly string[],
  agreementParties: AgreementParties | undefined,
  scope: string | undefined,
): readonly string[] {
  if (scope === undefined) return agreementIds;
  return agreementIds.filter((id) => agreementParties?.[id]?.includes(scope) ?? false);
}

export function assertMayRead(actor: Actor, partyCodes: readonly string[], what: string): void {
  const scope = partyScope(actor);
  if (scope !== undefined && !partyCodes.includes(scope)) {
    throw new NotFoundError(`${what} not found.`);
  }
}
