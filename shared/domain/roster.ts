import { canonicalSha256 } from './hash-chain.js';
import type { Signatory } from './types.js';

/**
 * The part of an agreement's signatory list fixed at creation: who signs,
 * under which name, represented by whom. It is stored once (in roster
 * chunks) and is too large to copy into the creation event of a big
 * agreement, so that event carries its hash instead (`rosterSha256`): the
 * chain then covers the roster too.
 */
export interface RosterEntry {
  readonly party: string;
  readonly partyName: string;
  readonly representative?: Signatory['representative'];
}

export function rosterOf(signatories: readonly RosterEntry[]): RosterEntry[] {
  return signatories.map(({ party, partyName, representative }) => ({
    party,
    partyName,
    ...(representative && { representative }),
  }));
}

/** SHA-256 of the JCS canonical JSON of the roster, in signatory order. */
export function rosterHash(signatories: readonly RosterEntry[]): string {
  return canonicalSha256(rosterOf(signatories));
}
