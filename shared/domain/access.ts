import { NotFoundError } from './errors.js';
import type { Actor, Agreement } from './types.js';

/**
 * Who may see what, beyond the per-route role list in the route table
 * (`shared/contract/`): the one visibility rule every read path applies
 * (listings, agreements, ceremonies, PDFs, histories and exports). Members
 * see only records their party is in; to them anything else does not exist
 * (404), so that guessing ids reveals nothing. Other roles see everything.
 */

/** The party a member's reads are confined to; undefined for roles that see everything. */
export function partyScope(actor: Actor): string | undefined {
  return actor.role === 'member' ? (actor.party ?? '') : undefined;
}

/** Whether `actor` may see a record whose parties are `partyCodes`. */
export function mayRead(actor: Actor, partyCodes: readonly string[]): boolean {
  const scope = partyScope(actor);
  return scope === undefined || partyCodes.includes(scope);
}

export function assertMayRead(actor: Actor, partyCodes: readonly string[], what: string): void {
  if (!mayRead(actor, partyCodes)) throw new NotFoundError(`${what} not found.`);
}

/** The parties of an agreement: its signatories. */
export const partiesOf = (agreement: Pick<Agreement, 'signatories'>): string[] =>
  agreement.signatories.map((signatory) => signatory.party);
