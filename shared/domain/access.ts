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

export function assertMayRead(actor: Actor, partyCodes: readonly string[], what: string): void {
  const scope = partyScope(actor);
  if (scope !== undefined && !partyCodes.includes(scope)) {
    throw new NotFoundError(`${what} not found.`);
  }
}
