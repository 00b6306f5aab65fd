import { describe, expect, test } from 'vitest';
import type { components } from '../../../web/src/api/openapi.js';
import { createI18n } from '../../../web/src/i18n/translate.js';
import { entryIntoForceText, progressOf } from '../../../web/src/lib/progress.js';

type Agreement = components['schemas']['Agreement'];
type Signatory = components['schemas']['Signatory'];
type Act = components['schemas']['Act'];

const act = (type: Act['type'], extra: Partial<Act> = {}): Act => ({
  id: `agr:${type}`,
  type,
  party: 'KAZ',
  date: '2023-01-10',
  recordedAt: '2023-01-11T09:00:00.000Z',
  ...extra,
});

const signatory = (party: string, extra: Partial<Signatory> = {}): Signatory => ({
  party,
  partyName: party,
  status: 'signed',
  updatedAt: '2022-07-26T09:00:00.000Z',
  standing: 'signatory',
  provisionallyApplied: false,
  markers: [],
  acts: [],
  ...extra,
});

const agreementWith = (
  signatories: Signatory[],
  counting?: 'signatures' | 'consents' | 'notifications',
): Agreement =>
  ({
    id: 'agr',
    progress: { signed: signatories.filter((s) => s.status === 'signed').length, total: 3 },
    entryIntoForce: { rule: 'count', count: 2, ...(counting && { counting }) },
    inForce: false,
    signatories,
  }) as unknown as Agreement;

describe('progress toward entry into force, as the portal draws it', () => {
  const three = [
    signatory('AZE', { consent: { type: 'ratification', date: '2023-01-10' } }),
    signatory('KAZ', { acts: [act('domestic-procedures-completed')] }),
    signatory('KGZ', {
      status: 'pending',
      acts: [act('domestic-procedures-completed', { correctedBy: 'agr:9' })],
    }),
  ];

  test('counts signatures by default', () => {
    expect(progressOf(agreementWith(three))).toMatchObject({
      counting: 'signatures',
      counted: 2,
      threshold: 2,
      remaining: 0,
    });
  });

  test('counts the consents a convention waits for, not its signatures', () => {
    expect(progressOf(agreementWith(three, 'consents'))).toMatchObject({
      counting: 'consents',
      counted: 1,
      remaining: 1,
    });
  });

  test('counts notifications of completed procedures, a corrected one not', () => {
    expect(progressOf(agreementWith(three, 'notifications'))).toMatchObject({
      counting: 'notifications',
      counted: 1,
      remaining: 1,
    });
  });

  test('leaves consents uncounted for a list item, which has no signatories', () => {
    const { signatories: _, ...summary } = agreementWith(three, 'consents');
    const progress = progressOf(summary);
    expect(progress.counted).toBeUndefined();
    expect(progress.remaining).toBeUndefined();
  });
});

describe('entry into force, in words', () => {
  const { t } = createI18n('en');
  const say = (inForce: boolean, inForceAt?: string) =>
    entryIntoForceText({ inForce, ...(inForceAt && { inForceAt }) }, 'Asia/Bishkek', t, 'en-GB');

  test('a date still ahead enters into force on that calendar date, with no time or zone', () => {
    expect(say(false, '2027-03-01')).toBe('Enters into force on 1 March 2027');
  });

  test('a date reached is in force since that date', () => {
    expect(say(true, '2023-07-01')).toBe('In force since 1 July 2023');
  });

  test('an instant rule is in force since the moment, at the venue', () => {
    expect(say(true, '2026-11-30T11:45:00.000Z')).toBe(
      'In force since 30 Nov 2026, 17:45 GMT+06:00',
    );
  });

  test('says nothing before the count is reached', () => {
    expect(say(false)).toBeUndefined();
  });
});
