import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  checkEntryIntoForceRule,
  entryIntoForceAt,
  meetsEntryIntoForce,
  nextAgreementStatus,
  progressOf,
} from '../../../shared/domain/agreement-rules.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import type { SignatoryStatus } from '../../../shared/domain/types.js';

describe('agreement lifecycle', () => {
  test('draft → open → closed, nothing else', () => {
    expect(nextAgreementStatus('draft', 'open')).toBe('open');
    expect(nextAgreementStatus('open', 'close')).toBe('closed');
    expect(() => nextAgreementStatus('draft', 'close')).toThrow(ConflictError);
    expect(() => nextAgreementStatus('open', 'open')).toThrow(ConflictError);
    expect(() => nextAgreementStatus('closed', 'open')).toThrow(ConflictError);
  });
});

describe('entry into force', () => {
  const statuses = fc.array(
    fc.constantFrom<SignatoryStatus>('pending', 'signed', 'declined', 'withdrawn'),
    { minLength: 1, maxLength: 40 },
  );

  test('rule all: in force exactly when every signatory signed', () => {
    fc.assert(
      fc.property(statuses, (list) => {
        const progress = progressOf(list.map((status) => ({ status })));
        expect(meetsEntryIntoForce({ rule: 'all' }, progress)).toBe(
          list.every((s) => s === 'signed'),
        );
      }),
    );
  });

  test('rule count: in force once at least n signed', () => {
    fc.assert(
      fc.property(statuses, fc.integer({ min: 1, max: 40 }), (list, count) => {
        const progress = progressOf(list.map((status) => ({ status })));
        expect(meetsEntryIntoForce({ rule: 'count', count }, progress)).toBe(
          progress.signed >= count,
        );
      }),
    );
  });

  test('entry into force is the signing time of the signature that completed the rule', () => {
    // Prepare: recorded out of order; signed at 10:00, 09:00 and 11:00
    const signed = (at: string) => ({ status: 'signed' as const, signedAt: at });
    const signatories = [
      signed('2022-07-26T10:00:00.000Z'),
      signed('2022-07-26T09:00:00.000Z'),
      { status: 'pending' as const },
    ];
    // Act / Assess
    expect(entryIntoForceAt({ rule: 'count', count: 2 }, signatories, undefined)).toBe(
      '2022-07-26T10:00:00.000Z',
    );
    expect(entryIntoForceAt({ rule: 'count', count: 1 }, signatories, undefined)).toBe(
      '2022-07-26T09:00:00.000Z',
    );
    expect(entryIntoForceAt({ rule: 'all' }, signatories, undefined)).toBeUndefined();
    const all = [...signatories.slice(0, 2), signed('2022-07-26T11:00:00.000Z')];
    expect(entryIntoForceAt({ rule: 'all' }, all, undefined)).toBe('2022-07-26T11:00:00.000Z');
  });

  test('a signature recorded late but signed earlier moves the date back', () => {
    const signed = (at: string) => ({ status: 'signed' as const, signedAt: at });
    const recordedSoFar = [signed('2022-07-26T10:00:00.000Z'), signed('2022-07-26T12:00:00.000Z')];
    const first = entryIntoForceAt({ rule: 'count', count: 2 }, recordedSoFar, undefined);
    expect(first).toBe('2022-07-26T12:00:00.000Z');
    const withLate = [...recordedSoFar, signed('2022-07-26T11:00:00.000Z')];
    expect(entryIntoForceAt({ rule: 'count', count: 2 }, withLate, first)).toBe(
      '2022-07-26T11:00:00.000Z',
    );
  });

  test('entry into force is kept once reached, even when a party later withdraws', () => {
    const at = '2022-07-26T10:00:00.000Z';
    const afterWithdrawal = [
      { status: 'withdrawn' as const, signedAt: at },
      { status: 'signed' as const, signedAt: at },
    ];
    expect(entryIntoForceAt({ rule: 'count', count: 2 }, afterWithdrawal, at)).toBe(at);
  });
});

describe('an entry-into-force rule, checked against its signatories', () => {
  const roster = [{}, {}, { member: false }, {}];
  const refusal = (path: string) =>
    expect.objectContaining({ errors: [expect.objectContaining({ path })] });

  test('asks for no more signatures than there are signatories', () => {
    expect(() => checkEntryIntoForceRule({ rule: 'count', count: 5 }, roster)).toThrow(
      refusal('entryIntoForce.count'),
    );
  });

  test('asks for no more members than the members among the parties it counts', () => {
    const counting = { rule: 'count', count: 2, counting: 'consents' } as const;
    expect(() =>
      checkEntryIntoForceRule({ ...counting, qualifier: { members: 3 } }, roster),
    ).toThrow(refusal('entryIntoForce.qualifier.members'));
    expect(() =>
      checkEntryIntoForceRule({ rule: 'all', qualifier: { members: 4 } }, roster),
    ).toThrow(refusal('entryIntoForce.qualifier.members'));
    expect(() =>
      checkEntryIntoForceRule({ ...counting, qualifier: { members: 2 } }, roster),
    ).not.toThrow();
    expect(() =>
      checkEntryIntoForceRule({ rule: 'all', qualifier: { members: 3 } }, roster),
    ).not.toThrow();
  });
});
