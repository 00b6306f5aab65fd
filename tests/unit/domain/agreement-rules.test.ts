import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
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

  test('entry into force is kept once reached, even when a party later withdraws', () => {
    const at = '2022-07-26T10:00:00.000Z';
    expect(
      entryIntoForceAt({ rule: 'count', count: 2 }, { signed: 2, total: 3 }, undefined, at),
    ).toBe(at);
    expect(
      entryIntoForceAt(
        { rule: 'count', count: 2 },
        { signed: 1, total: 3 },
        at,
        '2022-08-01T00:00:00.000Z',
      ),
    ).toBe(at);
    expect(
      entryIntoForceAt({ rule: 'all' }, { signed: 2, total: 3 }, undefined, at),
    ).toBeUndefined();
  });
});
