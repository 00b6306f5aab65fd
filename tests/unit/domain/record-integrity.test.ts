import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type AgreementTransition,
  type ChangeContext,
  changeAgreementStatus,
  changeSignatory,
  createAgreement,
  type SignatoryChange,
} from '../../../shared/domain/agreement-changes.js';
import { hashEvent } from '../../../shared/domain/hash-chain.js';
import { assertRecordIntegrity, IntegrityError } from '../../../shared/domain/record-integrity.js';
import type { Agreement, AuditEvent, Conference } from '../../../shared/domain/types.js';

const conference: Pick<Conference, 'id' | 'parties'> = {
  id: '01G8Y6Z0R5CONFERENCE00000',
  parties: [
    { code: 'AZE', name: 'Azərbaycan Respublikası' },
    { code: 'KAZ', name: 'Қазақстан Республикасы' },
    { code: 'KGZ', name: 'Кыргыз Республикасы' },
    { code: 'TUR', name: 'Türkiye Cumhuriyeti' },
  ],
};
const PARTIES = ['AZE', 'KAZ', 'KGZ', 'TUR'] as const;

const contextAt = (minute: number): ChangeContext => ({
  actor: { sub: 'secretariat-1', role: 'secretariat' },
  requestId: `req-${minute}`,
  at: new Date(Date.UTC(2022, 6, 26, 9, minute)).toISOString(),
});

type Step =
  | { kind: 'sign'; party: number; minute: number }
  | { kind: 'decline'; party: number }
  | { kind: 'withdraw'; party: number }
  | { kind: 'close' };

const changeOf = (step: Step, minute: number): SignatoryChange =>
  step.kind === 'sign'
    ? {
        action: 'sign',
        signedBy: { name: 'Қасым-Жомарт Тоқаев', title: 'Президент' },
        signedAt: contextAt(Math.min(step.minute, minute)).at,
        place: 'Чолпон-Ата',
      }
    : step.kind === 'decline'
      ? { action: 'decline', reason: 'Awaiting parliament' }
      : { action: 'withdraw', reason: 'Changed course' };

/** Builds a record the way the service does: each accepted change, in order; refused ones are skipped. */
function recordOf(steps: readonly Step[]): { agreement: Agreement; events: AuditEvent[] } {
  const created = createAgreement(
    {
      id: '01G8Y6Z0R5AGREEMENT000000',
      title: 'Protocol of Intent on Digital Cooperation',
      documentSha256: 'a'.repeat(64),
      signatories: PARTIES.map((party) => ({
        party,
        ...(party === 'KAZ' && { representative: { name: 'Мұхтар Тілеуберді', title: 'Министр' } }),
      })),
      entryIntoForce: { rule: 'count', count: 2 },
      open: true,
    },
    conference,
    contextAt(0),
  );
  let agreement = created.after;
  const events = [...created.events];
  steps.forEach((step, index) => {
    const context = contextAt(index + 1);
    let transition: AgreementTransition;
    try {
      transition =
        step.kind === 'close'
          ? changeAgreementStatus(agreement, 'close', context)
          : changeSignatory(agreement, PARTIES[step.party]!, changeOf(step, index + 1), context);
    } catch {
      return;
    }
    agreement = transition.after;
    events.push(...transition.events);
  });
  return { agreement, events };
}

const steps = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('sign' as const),
      party: fc.integer({ min: 0, max: 3 }),
      minute: fc.integer({ min: 0, max: 50 }),
    }),
    fc.record({ kind: fc.constant('decline' as const), party: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ kind: fc.constant('withdraw' as const), party: fc.integer({ min: 0, max: 3 }) }),
    fc.constant({ kind: 'close' as const }),
  ),
  { maxLength: 25 },
);

function integrityErrorOf(run: () => unknown): IntegrityError {
  try {
    run();
  } catch (error) {
    if (error instanceof IntegrityError) return error;
    throw error;
  }
  throw new Error('no integrity error');
}

describe('record integrity: the state shown must be the replay of a verified chain', () => {
  test('any record written by the domain passes, and the head is the chain head', () => {
    fc.assert(
      fc.property(steps, (list) => {
        const { agreement, events } = recordOf(list);
        expect(assertRecordIntegrity(agreement, events)).toEqual({
          seq: events.length,
          hash: events.at(-1)!.hash,
        });
      }),
    );
  });

  test('a signer name changed in the stored state is refused, naming the event that set it', () => {
    // Prepare
    const { agreement, events } = recordOf([
      { kind: 'sign', party: 1, minute: 1 },
      { kind: 'sign', party: 0, minute: 2 },
    ]);
    const tampered: Agreement = {
      ...agreement,
      signatories: agreement.signatories.map((s) =>
        s.party === 'KAZ' ? { ...s, signedBy: { name: 'Someone Else', title: 'Президент' } } : s,
      ),
    };
    // Act
    const error = integrityErrorOf(() => assertRecordIntegrity(tampered, events));
    // Assess
    expect(error.finding).toBe('state');
    expect(error.fields).toEqual(['signatories.KAZ.signedBy']);
    expect(error.firstBadSeq).toBe(events.find((e) => e.party === 'KAZ')!.seq);
  });

  test('any single stored field changed, of the agreement or of a signatory, is refused', () => {
    fc.assert(
      fc.property(
        steps,
        fc.constantFrom('title', 'status', 'inForce', 'progress', 'documentSha256', 'kind'),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('status', 'partyName', 'signedAt', 'reason'),
        fc.boolean(),
        (list, field, party, signatoryField, onSignatory) => {
          const { agreement, events } = recordOf(list);
          const tampered = onSignatory
            ? {
                ...agreement,
                signatories: agreement.signatories.map((s, i) =>
                  i === party ? { ...s, [signatoryField]: 'forged' } : s,
                ),
              }
            : { ...agreement, [field]: 'forged' };
          expect(() => assertRecordIntegrity(tampered as Agreement, events)).toThrow(
            IntegrityError,
          );
        },
      ),
    );
  });

  test('a representative changed in the roster breaks the hash the creation event carries', () => {
    const { agreement, events } = recordOf([]);
    const tampered: Agreement = {
      ...agreement,
      signatories: agreement.signatories.map((s) =>
        s.party === 'KAZ' ? { ...s, representative: { name: 'Forged', title: 'Министр' } } : s,
      ),
    };
    const error = integrityErrorOf(() => assertRecordIntegrity(tampered, events));
    expect({ finding: error.finding, seq: error.firstBadSeq }).toEqual({
      finding: 'roster',
      seq: 1,
    });
  });

  test('an event edited (even re-hashed) is refused at its seq', () => {
    const { agreement, events } = recordOf([
      { kind: 'sign', party: 1, minute: 1 },
      { kind: 'decline', party: 2 },
    ]);
    const edited = events.map((e) =>
      e.seq === 3 ? { ...e, data: { ...e.data, signedBy: { name: 'X', title: 'Y' } } } : e,
    );
    expect(integrityErrorOf(() => assertRecordIntegrity(agreement, edited)).firstBadSeq).toBe(3);
    // Re-hashed from there on, with the head moved too: the chain holds, the state does not follow.
    const rehashed: AuditEvent[] = [];
    for (const e of edited) {
      const { hash: _old, ...rest } = { ...e, prevHash: rehashed.at(-1)?.hash ?? e.prevHash };
      rehashed.push({ ...rest, hash: hashEvent(rest) });
    }
    const head = rehashed.at(-1)!;
    const error = integrityErrorOf(() =>
      assertRecordIntegrity(
        { ...agreement, chain: { headSeq: head.seq, headHash: head.hash } },
        rehashed,
      ),
    );
    expect(error.finding).toBe('state');
    expect(error.fields).toContain('signatories.KAZ.signedBy');
  });

  test('an event the state machine would refuse is refused at its seq', () => {
    const { agreement, events } = recordOf([{ kind: 'sign', party: 1, minute: 1 }]);
    // A second signature of KAZ, correctly chained: signed → signed is not a transition.
    const again = changeSignatory(
      {
        ...agreement,
        signatories: agreement.signatories.map((s) => ({ ...s, status: 'pending' })),
      },
      'KAZ',
      changeOf({ kind: 'sign', party: 1, minute: 1 }, 2),
      contextAt(2),
    );
    const error = integrityErrorOf(() =>
      assertRecordIntegrity(
        { ...agreement, chain: { headSeq: 4, headHash: again.events[0]!.hash } },
        [...events, ...again.events],
      ),
    );
    expect({ finding: error.finding, seq: error.firstBadSeq }).toEqual({
      finding: 'replay',
      seq: 4,
    });
  });
});
