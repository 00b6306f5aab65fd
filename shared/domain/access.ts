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
  if (!mayRead(actor, partyCodes)) throw new NotFoundError(`${what} not found.`);
}

/** The parties of an agreement: its signatories. */
export const partiesOf = (agreement: Pick<Agreement, 'signatories'>): string[] =>
  agreement.signatories.map((signatory) => signatory.party);
