import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { AuditEvent } from './types.js';

/**
 * The tamper-evident audit chain of one agreement.
 *
 *   event n: { ...fields, prevHash: hash(n-1), hash: SHA-256(JCS(event n without hash)) }
 *   event 1: prevHash = 64 zeros
 *
 * JCS is RFC 8785 canonical JSON; the hash is lowercase hex. Anyone can
 * recompute it from an export with their own tools (see README).
 */

// The package is CommonJS whose typings declare an ES default export; at run time
// the module itself is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export const GENESIS_HASH = '0'.repeat(64);

export type UnhashedEvent = Omit<AuditEvent, 'hash'>;

/** Lowercase hex SHA-256 of the RFC 8785 (JCS) canonical JSON of `value`, UTF-8. */
export function canonicalSha256(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new TypeError('Value cannot be canonicalized');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function hashEvent(event: UnhashedEvent): string {
  return canonicalSha256(event);
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export const EMPTY_CHAIN: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** Links `drafts` after `head`, assigning seq and prevHash, and hashes each. */
export function appendEvents(
  head: ChainHead,
  drafts: readonly Omit<UnhashedEvent, 'seq' | 'prevHash'>[],
): AuditEvent[] {
  const events: AuditEvent[] = [];
  let previous = head;
  for (const draft of drafts) {
    const unhashed: UnhashedEvent = { ...draft, seq: previous.seq + 1, prevHash: previous.hash };
    const event: AuditEvent = { ...unhashed, hash: hashEvent(unhashed) };
    events.push(event);
    previous = { seq: event.seq, hash: event.hash };
  }
  return events;
}

export interface ChainVerification {
  readonly valid: boolean;
  readonly eventCount: number;
  readonly headHash: string;
  /** The first position (1-based seq) at which the stored chain differs from a valid one. */
  readonly firstInvalidSeq?: number;
}

/**
 * Recomputes the chain of `events` as read in storage order. Detects edited,
 * deleted, inserted and reordered events. `expectedHead` (the head the
 * agreement record points at) also catches events cut off the end, events
 * appended past it, and a chain rewritten and re-hashed throughout.
 */
export function verifyChain(
  events: readonly AuditEvent[],
  expectedHead?: ChainHead,
): ChainVerification {
  let previous = EMPTY_CHAIN;
  for (const [index, event] of events.entries()) {
    const position = index + 1;
    const { hash, ...unhashed } = event;
    const intact =
      event.seq === position && event.prevHash === previous.hash && hashEvent(unhashed) === hash;
    if (!intact) {
      return {
        valid: false,
        eventCount: events.length,
        headHash: events.at(-1)?.hash ?? GENESIS_HASH,
        firstInvalidSeq: position,
      };
    }
    previous = { seq: event.seq, hash };
  }
  if (expectedHead && (expectedHead.seq !== previous.seq || expectedHead.hash !== previous.hash)) {
    const atHead = events[expectedHead.seq - 1];
    const firstInvalidSeq =
      events.length < expectedHead.seq
        ? events.length + 1 // cut off the end
        : atHead?.hash === expectedHead.hash
          ? expectedHead.seq + 1 // appended past the head
          : Math.max(expectedHead.seq, 1); // rewritten and re-hashed up to the head
    return { valid: false, eventCount: events.length, headHash: previous.hash, firstInvalidSeq };
  }
  return { valid: true, eventCount: events.length, headHash: previous.hash };
}
