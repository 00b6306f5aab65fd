import { type Act, type ActInput, applyCorrections, correctableField } from './acts.js';
import { type CalendarDate, compareDates } from './calendar-date.js';
import { ConflictError, type FieldIssue, UnprocessableError } from './errors.js';
import { signatoryTransition } from './signatory-state.js';
import {
  type AgreementRules,
  consentMeansOf,
  type PartyRecord,
  type PartyStanding,
  partyRecords,
  standingOf,
} from './standing.js';
import { EARLIEST_DATE } from './time.js';
import type { Agreement, Signatory } from './types.js';

/**
 * When each act is allowed (the "allowed when" column of the contract).
 * A refusal because of the record's state is a conflict (409) that carries
 * the party's current standing; an act that cannot make sense whatever the
 * state (a date in the future, a reference to an act that does not exist)
 * is unprocessable (422).
 */

export const rulesOf = (
  agreement: Pick<Agreement, 'entryIntoForce' | 'signatories'>,
): AgreementRules => ({
  entryIntoForce: agreement.entryIntoForce,
  parties: agreement.signatories.map((s) => ({
    party: s.party,
    ...(s.member === false && { member: false }),
  })),
});

export const actsOf = (signatories: readonly Pick<Signatory, 'acts'>[]): Act[] =>
  signatories.flatMap((s) => s.acts ?? []);

/** What a 409 tells the client about the party. */
export function currentStanding(signatory: Signatory, standing: PartyStanding | undefined) {
  return {
    party: signatory.party,
    status: signatory.status,
    standing: standing?.standing ?? 'none',
    ...(standing?.consent && { consent: standing.consent }),
    ...(standing?.inForceFor && { inForceFor: standing.inForceFor }),
    markers: standing?.markers ?? [],
  };
}

export interface ActCheck {
  readonly agreement: Agreement;
  readonly signatory: Signatory;
  readonly input: ActInput;
  /** Today in the depositary's calendar. */
  readonly today: CalendarDate;
}

const unprocessable = (message: string, path: string, detail: string) =>
  new UnprocessableError(message, [{ path, message: detail } satisfies FieldIssue]);

function notBefore(date: CalendarDate, earliest: CalendarDate | undefined, what: string) {
  if (earliest && compareDates(date, earliest) < 0)
    throw unprocessable(
      `An act cannot precede ${what}.`,
      'date',
      `must not be before ${earliest}, ${what}`,
    );
}

/** An act's date (at `path`) lies between 1900 and today. */
function checkActDate(date: CalendarDate, today: CalendarDate, path: string) {
  if (date > today)
    throw unprocessable(
      'An act cannot be recorded before it happened.',
      path,
      'must not lie in the future',
    );
  if (date < EARLIEST_DATE)
    throw unprocessable(
      'Dates before 1900 are not accepted.',
      path,
      `must be ${EARLIEST_DATE} or later`,
    );
}

/** Refuses `input` for `signatory` unless the record allows it; returns nothing. */
export function checkAct({ agreement, signatory, input, today }: ActCheck): void {
  checkActDate(input.date, today, 'date');

  const acts = actsOf(agreement.signatories);
  const rules = rulesOf(agreement);
  const { effective } = applyCorrections(acts);
  const record = partyRecords(effective, rules).get(signatory.party)!;
  const standing = standingOf(acts, rules, input.date).parties.get(signatory.party);
  // The 409 tells the party's standing today, whatever date the refused act carried.
  const refuse = (why: string) =>
    new ConflictError(
      `${signatory.party}: ${why}`,
      currentStanding(
        signatory,
        input.date === today
          ? standing
          : standingOf(acts, rules, today).parties.get(signatory.party),
      ),
    );
  const opened = () => {
    if (agreement.status === 'draft') throw refuse('the agreement is still a draft.');
  };
  const legacy = (action: 'sign' | 'decline' | 'withdraw') => {
    if (agreement.status !== 'open')
      throw refuse(`the agreement is ${agreement.status}; signatory changes need it open.`);
    if (!signatoryTransition(signatory.status, action))
      throw refuse(`the signatory is ${signatory.status}; it cannot ${action}.`);
  };
  const consentType = (type: ActInput['type']) => {
    if (!consentMeansOf(agreement.entryIntoForce).includes(type as never))
      throw unprocessable(
        `This agreement is not consented to by ${type}.`,
        'type',
        'not among the consent means of the agreement',
      );
    if (record.consent) throw refuse(`consent was already given (${record.consent.type}).`);
  };
  const signed = (what: string) => {
    if (!record.signature) throw refuse(`${what} needs a signature first.`);
    return record.signature;
  };

  switch (input.type) {
    case 'signature':
      legacy('sign');
      return;
    case 'decline':
      legacy('decline');
      return;
    case 'signature-withdrawn':
      legacy('withdraw');
      notBefore(input.date, record.signature?.date, 'the signature');
      return;
    case 'signature-confirmation': {
      const signature = signed('A confirmation');
      if (signature.kind !== 'ad-referendum' || signature.confirmed)
        throw refuse('there is no ad referendum signature awaiting confirmation.');
      notBefore(input.date, signature.date, 'the signature');
      return;
    }
    case 'ratification':
    case 'acceptance':
    case 'approval': {
      opened();
      const signature = signed(`A ${input.type}`);
      if (signature.kind === 'definitive')
        throw refuse('a definitive signature already bound the party.');
      consentType(input.type);
      notBefore(input.date, signature.date, 'the signature');
      return;
    }
    case 'accession':
      opened();
      if (record.signature)
        throw refuse('a signatory ratifies, accepts or approves; accession is without signature.');
      consentType(input.type);
      return;
    case 'succession':
      opened();
      consentType(input.type);
      return;
    case 'domestic-procedures-completed':
      notBefore(
        input.date,
        signed('A notification of completed domestic procedures').date,
        'the signature',
      );
      if (record.notifiedOn)
        throw refuse(
          `completed domestic procedures were already notified on ${record.notifiedOn}.`,
        );
      return;
    case 'provisional-application':
      signed('Provisional application');
      if (record.provisional) throw refuse('the agreement is already applied provisionally.');
      return;
    case 'provisional-application-ended':
      if (!record.provisional) throw refuse('the agreement is not applied provisionally.');
      return;
    case 'reservation':
    case 'declaration':
      checkStatement(input, record, refuse, signed);
      return;
    case 'reservation-withdrawn': {
      const reservation = record.reservations.find((r) => r.id === input.relatesTo);
      if (!reservation)
        throw unprocessable(
          'No such reservation of this party.',
          'relatesTo',
          'must be the id of a reservation made by this party',
        );
      if (reservation.withdrawn)
        throw refuse(`reservation ${input.relatesTo} was already withdrawn.`);
      return;
    }
    case 'objection': {
      const reservation = acts.find((act) => act.id === input.relatesTo);
      if (reservation?.type !== 'reservation' || reservation.party === signatory.party)
        throw unprocessable(
          'An objection answers another party’s reservation.',
          'relatesTo',
          'must be the id of a reservation made by another party',
        );
      return;
    }
    case 'denunciation':
      if (standing?.standing !== 'party')
        throw refuse(
          `only a party in force can denounce; it is ${standing?.standing ?? 'none'} on ${input.date}.`,
        );
      if (record.denunciation) throw refuse('the agreement was already denounced.');
      if (input.effectiveDate && input.effectiveDate < input.date)
        throw unprocessable(
          'A denunciation cannot take effect before it is made.',
          'effectiveDate',
          `must not be before ${input.date}`,
        );
      return;
    case 'correction': {
      const original = acts.find((act) => act.id === input.relatesTo);
      if (!original || original.party !== signatory.party || original.type === 'correction')
        throw unprocessable(
          'A correction supersedes an act of the same party.',
          'relatesTo',
          'must be the id of an act (not a correction) of this party',
        );
      checkCorrected(input, original, effective, today, refuse);
      return;
    }
  }
}

/** Acts that only a signature makes possible, so that none may be dated before it. */
const AFTER_SIGNATURE: ReadonlySet<Act['type']> = new Set([
  'signature-confirmation',
  'signature-withdrawn',
  'ratification',
  'acceptance',
  'approval',
  'domestic-procedures-completed',
]);

/** The consents that follow a signature which does not bind by itself. */
const CONSENT_AFTER_SIGNATURE: ReadonlySet<Act['type']> = new Set([
  'ratification',
  'acceptance',
  'approval',
]);

/**
 * A correction fixes what happened; it may not leave the record in a state
 * that no sequence of acts could have reached: the corrected act keeps to
 * the dates an act may have, the party's acts that need its signature stay
 * on or after it, and the signature's kind stays the one its later acts
 * presuppose.
 */
function checkCorrected(
  input: Extract<ActInput, { type: 'correction' }>,
  original: Act,
  /** Every act as corrected so far (the record's `applyCorrections`). */
  effective: readonly Act[],
  today: CalendarDate,
  refuse: (why: string) => ConflictError,
): void {
  const fixed = Object.keys(input.fields).find((name) => !correctableField(name));
  if (fixed)
    throw unprocessable(
      'A correction changes what happened, not which act it was or how it was recorded.',
      `fields.${fixed}`,
      'cannot be corrected; record the right act instead',
    );
  // On top of what earlier corrections of the act made it: a later one wins field by field.
  const current = effective.find((act) => act.id === original.id) ?? original;
  const corrected = { ...current, ...input.fields } as Act;
  checkActDate(corrected.date, today, 'fields.date');
  if (corrected.type === 'denunciation' && corrected.effectiveDate)
    if (corrected.effectiveDate < corrected.date)
      throw unprocessable(
        'A denunciation cannot take effect before it is made.',
        'fields.effectiveDate',
        `must not be before ${corrected.date}`,
      );

  const own = effective
    .filter((act) => act.party === corrected.party)
    .map((act) => (act.id === corrected.id ? corrected : act));
  const signature = own.find((act) => act.type === 'signature');
  if (!signature) return;
  const early = own.find(
    (act) => AFTER_SIGNATURE.has(act.type) && compareDates(act.date, signature.date) < 0,
  );
  if (early)
    throw unprocessable(
      `An act cannot precede the signature: the ${early.type} of ${early.date} would precede the signature of ${signature.date}.`,
      'fields.date',
      `must keep the ${early.type} on or after the signature`,
    );
  const kind = signature.type === 'signature' ? signature.kind : undefined;
  if (kind === 'definitive' && own.some((act) => CONSENT_AFTER_SIGNATURE.has(act.type)))
    throw refuse(
      'a definitive signature would leave its ratification, acceptance or approval void.',
    );
  if (kind !== 'ad-referendum' && own.some((act) => act.type === 'signature-confirmation'))
    throw refuse('only an ad referendum signature is confirmed, and this one was.');
}

function checkStatement(
  input: Extract<ActInput, { type: 'reservation' | 'declaration' }>,
  record: PartyRecord,
  refuse: (why: string) => ConflictError,
  signed: (what: string) => unknown,
) {
  if (record.denunciation) throw refuse('the agreement was denounced.');
  if (input.madeAt === 'signature') {
    signed(`A ${input.type} made at signature`);
    if (input.relatesTo)
      throw unprocessable(
        'Only a reservation made at consent confirms another.',
        'relatesTo',
        'only with madeAt: consent',
      );
    return;
  }
  if (!record.consent)
    throw refuse(`a ${input.type} made at consent needs the consent to be bound recorded first.`);
  if (input.relatesTo) {
    const confirmed = record.reservations.find((r) => r.id === input.relatesTo);
    if (input.type !== 'reservation' || confirmed?.madeAt !== 'signature')
      throw unprocessable(
        'A reservation made at consent confirms one made at signature.',
        'relatesTo',
        'must be the id of a reservation this party made at signature',
      );
  }
}
