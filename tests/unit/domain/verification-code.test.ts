import fc from 'fast-check';
import { ulid } from 'ulidx';
import { describe, expect, test } from 'vitest';
import {
  carriesHash,
  ceremonyDigest,
  decodeVerificationCode,
  groupedCode,
  verificationCodeOf,
} from '../../../shared/domain/verification-code.js';

const hex64 = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => Buffer.from(b).toString('hex'));
const ulidArb = fc.integer({ min: 0, max: 2 ** 47 }).map((time) => ulid(time));
const head = fc.record({
  agreementId: ulidArb,
  seq: fc.integer({ min: 1, max: 2 ** 40 }),
  headHash: hex64,
});

describe('verification codes', () => {
  test('an agreement code decodes to its agreement, seq and head hash prefix, whatever the grouping or case', () => {
    fc.assert(
      fc.property(head, ({ agreementId, seq, headHash }) => {
        const code = verificationCodeOf({ issuedFor: 'agreement', agreementId, seq, headHash });
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]+$/);
        const expected = {
          issuedFor: 'agreement',
          agreementId,
          seq,
          hashPrefix: headHash.slice(0, 16),
        };
        expect(decodeVerificationCode(code)).toEqual(expected);
        expect(decodeVerificationCode(groupedCode(code).toLowerCase())).toEqual(expected);
        expect(carriesHash(decodeVerificationCode(code)!, headHash)).toBe(true);
      }),
    );
  });

  test('a ceremony code decodes to its ceremony, time and the digest of the heads shown', () => {
    fc.assert(
      fc.property(
        ulidArb,
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.array(head, { minLength: 1, maxLength: 5 }),
        (ceremonyId, when, agreements) => {
          const recordedUpTo = when.toISOString();
          const code = verificationCodeOf({
            issuedFor: 'ceremony',
            ceremonyId,
            recordedUpTo,
            agreements,
          });
          const decoded = decodeVerificationCode(code)!;
          expect(decoded).toEqual({
            issuedFor: 'ceremony',
            ceremonyId,
            recordedUpTo,
            hashPrefix: ceremonyDigest(agreements).slice(0, 16),
          });
          expect(carriesHash(decoded, ceremonyDigest(agreements))).toBe(true);
          expect(carriesHash(decoded, ceremonyDigest([...agreements].reverse()))).toBe(
            agreements.length === 1 ||
              ceremonyDigest([...agreements].reverse()) === ceremonyDigest(agreements),
          );
        },
      ),
    );
  });

  test('a typical agreement code is 42 characters, 50 grouped in fives', () => {
    const code = verificationCodeOf({
      issuedFor: 'agreement',
      agreementId: '01G8Y6Z0R5AGREEMENT0000000',
      seq: 12,
      headHash: 'd842'.padEnd(64, '0'),
    });
    expect(code).toHaveLength(42);
    expect(groupedCode(code)).toMatch(/^([0-9A-Z]{5}-){8}[0-9A-Z]{2}$/);
  });

  test('anything else is not a code: garbage, truncation, a changed character, extra characters', () => {
    const code = verificationCodeOf({
      issuedFor: 'agreement',
      agreementId: ulid(),
      seq: 7,
      headHash: 'ab'.repeat(32),
    });
    for (const input of [
      '',
      'hello',
      'U'.repeat(44),
      code.slice(0, -1),
      `${code}0`,
      `${code}Q`,
      'x'.repeat(500),
    ])
      expect(decodeVerificationCode(input), input).toBeUndefined();
    fc.assert(
      fc.property(
        fc.nat(code.length - 1),
        fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'),
        (at, char) => {
          const changed = code.slice(0, at) + char + code.slice(at + 1);
          const decoded = decodeVerificationCode(changed);
          if (changed === code) expect(decoded).toBeDefined();
          // A changed character decodes to another subject (or none): never the same one.
          else expect(decoded).not.toEqual(decodeVerificationCode(code));
        },
      ),
    );
  });
});
