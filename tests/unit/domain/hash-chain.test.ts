import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, test } from 'vitest';
import {
  appendEvents,
  EMPTY_CHAIN,
  GENESIS_HASH,
  hashEvent,
  verifyChain,
} from '../../../shared/domain/hash-chain.js';
import type { AuditEvent } from '../../../shared/domain/types.js';

const draft = (i: number, party = 'AZE') => ({
  agreementId: '01TESTAGREEMENT',
  at: new Date(Date.UTC(2022, 6, 26, 9, 30, i)).toISOString(),
  action: 'SIGNATURE_RECORDED' as const,
  party,
  actor: { sub: 'secretariat-1', role: 'secretariat' as const },
  data: { signedBy: { name: 'Қасым-Жомарт Тоқаев', title: 'Президент' }, n: i },
  requestId: `req-${i}`,
});

const chainOf = (length: number) =>
  appendEvents(
    EMPTY_CHAIN,
    Array.from({ length }, (_, i) => draft(i)),
  );

describe('audit hash chain', () => {
  test('hash is SHA-256 of the RFC 8785 canonical JSON without the hash field', () => {
    // Prepare
    const [event] = chainOf(1) as [AuditEvent];
    const { hash, ...unhashed } = event;
    // Act: recompute with an independent JCS implementation
    const expected = createHash('sha256').update(canonicalize(unhashed), 'utf8').digest('hex');
    // Assess
    expect(hash).toBe(expected);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(event.prevHash).toBe(GENESIS_HASH);
    expect(event.seq).toBe(1);
  });

  test('a chain built by appending verifies, and its head is the last hash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), (length) => {
        const events = chainOf(length);
        const result = verifyChain(events, {
          seq: length,
          hash: events.at(-1)?.hash ?? GENESIS_HASH,
        });
        expect(result).toEqual({
          valid: true,
          eventCount: length,
          headHash: events.at(-1)?.hash ?? GENESIS_HASH,
        });
      }),
    );
  });

  test('editing, deleting, inserting or swapping any event is caught at the first bad position', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 20 })
          .chain((length) =>
            fc.tuple(
              fc.constant(length),
              fc.integer({ min: 0, max: length - 1 }),
              fc.integer({ min: 0, max: length - 1 }),
              fc.constantFrom('edit', 'delete', 'insert', 'swap'),
            ),
          ),
        ([length, i, j, tampering]) => {
          const events = chainOf(length);
          const head = { seq: length, hash: events.at(-1)!.hash };
          const tampered = [...events];
          let expectedFirstBad: number;
          if (tampering === 'edit') {
            tampered[i] = { ...events[i]!, data: { ...events[i]!.data, n: -1 } };
            expectedFirstBad = i + 1;
          } else if (tampering === 'delete') {
            tampered.splice(i, 1);
            expectedFirstBad = i + 1;
          } else if (tampering === 'insert') {
            // A forger who recomputes the inserted event's hash makes it look valid in place;
            // the chain breaks at the genuine event it pushed down.
            const { hash: _hash, ...forged } = { ...events[i]!, requestId: 'forged' };
            tampered.splice(i, 0, { ...forged, hash: hashEvent(forged) });
            expectedFirstBad = i + 2;
          } else {
            if (i === j) return;
            tampered[i] = events[j]!;
            tampered[j] = events[i]!;
            expectedFirstBad = Math.min(i, j) + 1;
          }
          const result = verifyChain(tampered, head);
          expect(result.valid).toBe(false);
          expect(result.firstInvalidSeq).toBe(expectedFirstBad);
        },
      ),
    );
  });

  test('cutting events off the end is caught through the expected head', () => {
    const events = chainOf(5);
    const result = verifyChain(events.slice(0, 3), { seq: 5, hash: events[4]!.hash });
    expect(result).toMatchObject({ valid: false, eventCount: 3, firstInvalidSeq: 4 });
  });
});
