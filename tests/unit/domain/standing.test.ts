import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { actsOf, rulesOf } from '../../../shared/domain/act-rules.js';
import { ACT_TYPES, type ActInput, type ActType } from '../../../shared/domain/acts.js';
import {
  type AgreementTransition,
  type ChangeContext,
  changeAgreementStatus,
  createAgreement,
  recordAct,
} from '../../../shared/domain/agreement-changes.js';
import { addDays, type CalendarDate } from '../../../shared/domain/calendar-date.js';
import { DomainError } from '../../../shared/domain/errors.js';
import { MARKERS, STANDINGS, standingOf } from '../../../shared/domain/standing.js';
import type { Agreement, Conference, EntryIntoForceRule } from '../../../shared/domain/types.js';

const PARTIES = ['AZE', 'KAZ', 'KGZ', 'TUR', 'UZB'];
const conference: Conference = {
  id: 'C1',
  name: 'Summit',
  venue: { city: 'Cholpon-Ata', country: 'Kyrgyzstan' },
  timeZone: 'Asia/Bishkek',
  startDate: '2022-07-26',
  parties: PARTIES.map((code) => ({ code, name: code })),
  createdAt: '2022-07-01T00:00:00.000Z',
  version: 1,
};
const NOW = '2030-01-01T00:00:00.000Z';
const context: ChangeContext = {
  actor: { sub: 's', role: 'secretariat' },
  requestId: 'r',
  at: NOW,
};

const CONVENTION: EntryIntoForceRule = {
  rule: 'count',
  count: 3,
  counting: 'consents',
  delay: { months: 3, snap: 'first-day-of-next-month' },
};

function newAgreement(rule: EntryIntoForceRule): Agreement {
  return createAgreement(
    {
      id: 'A1',
      title: 'Convention',
      documentSha256: 'a'.repeat(64),
      signatories: PARTIES.map((party) => ({ party })),
      entryIntoForce: rule,
      open: true,
    },
    conference,
    context,
  ).after;
}

let counter = 0;
function record(agreement: Agreement, party: string, input: ActInput): AgreementTransition {
  counter += 1;
  return recordAct(agreement, party, input, context, {
    timeZone: 'UTC',
    notification: { prefix: 'DN', year: 2030, n: counter },
  });
}

const signature = (date: CalendarDate, kind: 'simple' | 'ad-referendum' = 'simple'): ActInput => ({
  type: 'signature',
  kind,
  date,
  signedBy: { name: 'N', title: 'T' },
  signedAt: `${date}T06:00:00.000Z`,
});

/** Plays `steps`, keeping each act the record allows (the rest are refused and skipped). */
function play(rule: EntryIntoForceRule, steps: readonly Step[]) {
  let agreement = newAgreement(rule);
  let date: CalendarDate = '2022-07-26';
  for (const step of steps) {
    date = addDays(date, step.days);
    if (step.close) {
      if (agreement.status === 'open')
        agreement = changeAgreementStatus(agreement, 'close', context).after;
      continue;
    }
    const input = inputFor(
      step.pick % 3 ? { ...step, type: naturalNext(agreement, step) } : step,
      date,
      agreement,
    );
    try {
      agreement = record(agreement, PARTIES[step.party]!, input).after;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return agreement;
}

/** The act that moves a party along, given what it has done so far (most steps take it). */
function naturalNext(agreement: Agreement, step: Step): ActType {
  const party = PARTIES[step.party]!;
  const own = actsOf(agreement.signatories)
    .filter((a) => a.party === party)
    .map((a) => a.type);
  if (own.includes('ratification') || own.includes('accession'))
    return step.pick % 2 ? 'denunciation' : 'domestic-procedures-completed';
  if (own.includes('signature'))
    return step.pick % 4 ? 'ratification' : 'domestic-procedures-completed';
  return step.pick % 5 ? 'signature' : 'accession';
}

interface Step {
  readonly party: number;
  readonly type: ActType;
  readonly days: number;
  readonly pick: number;
  readonly close: boolean;
}

function inputFor(step: Step, date: CalendarDate, agreement: Agreement): ActInput {
  const acts = actsOf(agreement.signatories);
  const pick = <T>(list: readonly T[]) => list[step.pick % Math.max(1, list.length)];
  const someAct = pick(acts)?.id ?? 'A1:1';
  const reservation = pick(acts.filter((a) => a.type === 'reservation'))?.id ?? 'A1:1';
  switch (step.type) {
    case 'signature':
      return signature(date, step.pick % 3 === 0 ? 'ad-referendum' : 'simple');
    case 'succession':
      return { type: 'succession', date, predecessor: 'USSR' };
    case 'reservation':
    case 'declaration':
      return {
        type: step.type,
        date,
        text: 'Article 5 does not apply',
        madeAt: step.pick % 2 ? 'signature' : 'consent',
        ...(step.pick % 4 === 0 && { relatesTo: reservation }),
      };
    case 'reservation-withdrawn':
      return { type: step.type, date, relatesTo: reservation };
    case 'objection':
      return { type: step.type, date, relatesTo: reservation, text: 'Incompatible' };
    case 'denunciation':
      return { type: step.type, date };
    case 'signature-withdrawn':
      return { type: step.type, date, reason: 'error' };
    case 'correction':
      return {
        type: step.type,
        date,
        relatesTo: someAct,
        fields: { date: addDays(date, -step.pick % 40) },
        reason: 'typo',
      };
    default:
      return { type: step.type, date } as ActInput;
  }
}

const steps = fc.array(
  fc.record({
    party: fc.integer({ min: 0, max: PARTIES.length - 1 }),
    // Weighted towards the acts that move a party along, so that sequences reach entry into force.
    type: fc.oneof(
      { arbitrary: fc.constantFrom<ActType>(...ACT_TYPES), weight: 4 },
      { arbitrary: fc.constantFrom<ActType>('signature', 'ratification', 'accession'), weight: 5 },
      {
        arbitrary: fc.constantFrom<ActType>('domestic-procedures-completed', 'denunciation'),
        weight: 1,
      },
    ),
    days: fc.integer({ min: 0, max: 60 }),
    pick: fc.nat(1000),
    close: fc.integer({ min: 0, max: 30 }).map((n) => n === 0),
  }),
  { minLength: 5, maxLength: 50 },
);
const rules = fc.constantFrom<EntryIntoForceRule>(
  CONVENTION,
  { rule: 'count', count: 2 },
  { rule: 'all', counting: 'signatures', delay: { days: 30 } },
  { rule: 'count', count: 2, counting: 'notifications', laterParties: { days: 10 } },
  { ...CONVENTION, qualifier: { members: 3 }, laterParties: { months: 1 } },
);
const asOfDates = fc.integer({ min: -10, max: 3000 }).map((d) => addDays('2022-07-26', d));

function assertValidStanding(agreement: Agreement, asOf: CalendarDate) {
  const result = standingOf(actsOf(agreement.signatories), rulesOf(agreement), asOf);
  expect(result.inForce).toBe(result.inForceAt !== undefined && result.inForceAt <= asOf);
  for (const party of PARTIES) {
    const s = result.parties.get(party)!;
    expect(STANDINGS).toContain(s.standing);
    expect(s.markers.every((m) => MARKERS.includes(m))).toBe(true);
    if (s.inForceFor) expect(s.inForceFor >= result.inForceAt!).toBe(true);
    if (s.standing === 'party') expect(s.inForceFor! <= asOf).toBe(true);
    if (s.standing === 'party') expect(result.inForce).toBe(true);
    if (s.standing === 'denounced') expect(s.denunciation!.effectiveDate <= asOf).toBe(true);
    if (s.markers.includes('P')) expect(['party', 'denounced']).not.toContain(s.standing);
    if (s.markers.includes('A')) expect(s.standing).not.toBe('none');
  }
}

describe('standingOf (property)', () => {
  test('replaying any prefix of a valid act sequence never yields an invalid standing', () => {
    fc.assert(
      fc.property(rules, steps, asOfDates, (rule, list, asOf) => {
        for (let end = 0; end <= list.length; end += 1) {
          assertValidStanding(play(rule, list.slice(0, end)), asOf);
        }
      }),
      { numRuns: 25 },
    );
  });

  test('the standing as of a date equals the standing computed from the acts dated up to it', () => {
    fc.assert(
      fc.property(rules, steps, asOfDates, (rule, list, asOf) => {
        const agreement = play(rule, list);
        const acts = actsOf(agreement.signatories);
        const upTo = acts.filter((a) => a.type === 'correction' || a.date <= asOf);
        expect(standingOf(upTo, rulesOf(agreement), asOf)).toEqual(
          standingOf(acts, rulesOf(agreement), asOf),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('the worked example: three ratifications, a delay, a later accession', () => {
  test('in force on the first day of the month following three months after the third ratification', () => {
    let a = newAgreement(CONVENTION);
    for (const party of ['AZE', 'KAZ', 'KGZ', 'TUR'])
      a = record(a, party, signature('2022-07-26')).after;
    a = record(a, 'AZE', { type: 'ratification', date: '2023-01-10' }).after;
    a = record(a, 'KAZ', { type: 'approval', date: '2023-02-20' }).after;
    const kgzReservation = record(a, 'KGZ', {
      type: 'reservation',
      date: '2022-07-26',
      madeAt: 'signature',
      text: 'Article 7 applies only to…',
    });
    a = kgzReservation.after;
    a = record(a, 'KGZ', { type: 'ratification', date: '2023-03-15' }).after;
    a = record(a, 'UZB', { type: 'accession', date: '2024-05-20' }).after;

    const rules = rulesOf(a);
    const at = (asOf: CalendarDate) => standingOf(actsOf(a.signatories), rules, asOf);
    expect(at('2024-12-31').thresholdReachedOn).toBe('2023-03-15');
    expect(at('2024-12-31').inForceAt).toBe('2023-07-01');
    expect(
      Object.fromEntries([...at('2024-12-31').parties].map(([p, s]) => [p, s.inForceFor])),
    ).toEqual({
      AZE: '2023-07-01',
      KAZ: '2023-07-01',
      KGZ: '2023-07-01',
      TUR: undefined,
      UZB: '2024-09-01',
    });
    expect(at('2023-06-30').inForce).toBe(false);
    expect(at('2023-06-30').parties.get('AZE')!.standing).toBe('contracting');
    expect(at('2023-07-01').inForce).toBe(true);
    expect(at('2023-07-01').parties.get('AZE')!.standing).toBe('party');
    expect(at('2023-07-01').parties.get('TUR')!.standing).toBe('signatory');
    expect(at('2024-08-31').parties.get('UZB')!.standing).toBe('contracting');
    expect(at('2024-09-01').parties.get('UZB')!.standing).toBe('party');
    // KGZ ratified without confirming its reservation made at signature: it lapsed (VCLT 23(2)).
    const kgz = at('2024-12-31');
    expect(kgz.acts.get('KGZ')!.find((act) => act.id === kgzReservation.act!.id)!.lapsed).toBe(
      true,
    );
    expect(kgz.parties.get('KGZ')!.markers).toEqual([]);
    expect(
      at('2023-03-14')
        .acts.get('KGZ')!
        .find((act) => act.id === kgzReservation.act!.id)!.lapsed,
    ).toBeUndefined();
    expect(at('2023-03-14').parties.get('KGZ')!.markers).toEqual(['R']);

    // A denunciation takes effect after the 12-month notice period.
    a = record(a, 'AZE', { type: 'denunciation', date: '2025-02-10' }).after;
    expect(at('2026-02-09').parties.get('AZE')!.standing).toBe('party');
    const denounced = at('2026-02-10').parties.get('AZE')!;
    expect(denounced.standing).toBe('denounced');
    expect(denounced.denunciation).toEqual({ date: '2025-02-10', effectiveDate: '2026-02-10' });
  });

  test('a correction supersedes the date of a ratification; the original stays, marked corrected', () => {
    let a = newAgreement(CONVENTION);
    for (const party of ['AZE', 'KAZ', 'KGZ']) a = record(a, party, signature('2022-07-26')).after;
    a = record(a, 'AZE', { type: 'ratification', date: '2023-01-10' }).after;
    a = record(a, 'KAZ', { type: 'ratification', date: '2023-02-20' }).after;
    const wrong = record(a, 'KGZ', { type: 'ratification', date: '2023-05-02' });
    a = wrong.after;
    expect(standingOf(actsOf(a.signatories), rulesOf(a), '2029-01-01').inForceAt).toBe(
      '2023-09-01',
    );
    const correction = record(a, 'KGZ', {
      type: 'correction',
      date: '2023-06-01',
      relatesTo: wrong.act!.id,
      fields: { date: '2023-03-15' },
      reason: 'The instrument was deposited on 15 March',
    });
    a = correction.after;
    const result = standingOf(actsOf(a.signatories), rulesOf(a), '2029-01-01');
    expect(result.inForceAt).toBe('2023-07-01');
    const listed = result.acts.get('KGZ')!;
    expect(listed.find((act) => act.id === wrong.act!.id)).toMatchObject({
      date: '2023-05-02',
      correctedBy: correction.act!.id,
    });
    expect(a.inForceAt).toBe('2023-07-01');
  });

  test('an objection answers another party’s reservation; its own is refused', () => {
    let a = newAgreement(CONVENTION);
    for (const party of ['AZE', 'KAZ']) a = record(a, party, signature('2022-07-26')).after;
    const reservation = record(a, 'AZE', {
      type: 'reservation',
      date: '2022-07-26',
      madeAt: 'signature',
      text: 'Art. 3',
    });
    a = reservation.after;
    const objection = {
      type: 'objection',
      date: '2023-01-01',
      relatesTo: reservation.act!.id,
      text: 'Incompatible with the object and purpose',
    } as const;
    expect(() => record(a, 'AZE', objection)).toThrow('another party');
    a = record(a, 'KAZ', objection).after;
    expect(
      standingOf(actsOf(a.signatories), rulesOf(a), '2023-01-01').parties.get('KAZ')!.markers,
    ).toEqual(['O']);
  });

  test('acts the state forbids are conflicts carrying the current standing', () => {
    const a = newAgreement(CONVENTION);
    expect(() => record(a, 'AZE', { type: 'ratification', date: '2023-01-10' })).toThrow(
      expect.objectContaining({
        current: expect.objectContaining({ party: 'AZE', standing: 'none' }),
      }),
    );
    expect(() => record(a, 'AZE', { type: 'denunciation', date: '2023-01-10' })).toThrow(
      'only a party in force',
    );
  });

  test('a reservation or declaration made at consent needs the consent recorded first', () => {
    const signed = record(newAgreement(CONVENTION), 'AZE', signature('2022-07-26')).after;
    const declaration = {
      type: 'declaration',
      date: '2023-01-10',
      madeAt: 'consent',
      text: 'The Ministry of Justice is the central authority',
    } as const;
    expect(() => record(signed, 'AZE', declaration)).toThrow(
      expect.objectContaining({ message: expect.stringContaining('needs the consent') }),
    );
    expect(() => record(newAgreement(CONVENTION), 'KAZ', declaration)).toThrow('needs the consent');
    const ratified = record(signed, 'AZE', { type: 'ratification', date: '2023-01-10' }).after;
    expect(record(ratified, 'AZE', declaration).act).toMatchObject({ type: 'declaration' });
  });

  test('the conflict tells the standing today, with the version to look again at, whatever the refused act’s date', () => {
    const a = record(newAgreement(CONVENTION), 'AZE', signature('2022-07-26')).after;
    expect(() => record(a, 'AZE', signature('2022-07-01'))).toThrow(
      expect.objectContaining({
        current: expect.objectContaining({ party: 'AZE', status: 'signed', standing: 'signatory' }),
        currentVersion: a.version,
      }),
    );
  });
});

describe('a correction may not make the record one that no acts could have reached', () => {
  const correct = (agreement: Agreement, relatesTo: string, fields: Record<string, unknown>) =>
    record(agreement, 'AZE', {
      type: 'correction',
      date: '2029-12-01',
      relatesTo,
      fields,
      reason: 'as corrected',
    });
  const issue = (path: string, message: string) =>
    expect.objectContaining({
      errors: [expect.objectContaining({ path, message: expect.stringContaining(message) })],
    });
  let a: Agreement;
  let signed: string;
  let ratified: string;
  beforeAll(() => {
    const signing = record(newAgreement(CONVENTION), 'AZE', signature('2026-11-20'));
    const ratifying = record(signing.after, 'AZE', { type: 'ratification', date: '2026-11-25' });
    a = ratifying.after;
    signed = signing.act!.id;
    ratified = ratifying.act!.id;
  });

  test('dates an act neither before 1900 nor in the future', () => {
    expect(() => correct(a, ratified, { date: '1800-01-01' })).toThrow(
      issue('fields.date', '1900-01-01 or later'),
    );
    expect(() => correct(a, ratified, { date: '2030-01-02' })).toThrow(
      issue('fields.date', 'future'),
    );
    expect(() => correct(a, signed, { signedAt: '2099-01-01T00:00:00Z' })).toThrow(
      issue('fields.signedAt', 'future'),
    );
    expect(() => correct(a, signed, { signedAt: '1899-12-31T12:00:00Z' })).toThrow(
      issue('fields.signedAt', '1900-01-01'),
    );
  });

  test('keeps the acts that need the signature on or after it, from either side', () => {
    expect(() => correct(a, ratified, { date: '2026-11-10' })).toThrow(
      issue('fields.date', 'on or after the signature'),
    );
    expect(() => correct(a, signed, { date: '2026-11-28' })).toThrow(
      issue('fields.date', 'on or after the signature'),
    );
    expect(correct(a, ratified, { date: '2026-11-20' }).act).toMatchObject({ type: 'correction' });
  });

  test('changes what happened, never which act it was or how it was recorded', () => {
    for (const field of ['type', 'party', 'id', 'recordedAt', 'notification'])
      expect(() => correct(a, ratified, { [field]: 'accession' })).toThrow(
        issue(`fields.${field}`, 'cannot be corrected'),
      );
  });

  test('keeps the kind of signature its later acts presuppose', () => {
    expect(() => correct(a, signed, { kind: 'definitive' })).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('definitive signature'),
        current: expect.objectContaining({ party: 'AZE', standing: 'contracting' }),
      }),
    );
    expect(correct(a, signed, { kind: 'simple', place: 'Astana' }).act).toMatchObject({
      type: 'correction',
    });
  });
});
