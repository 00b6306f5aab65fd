import {
  type Act,
  type ActView,
  applyCorrections,
  byRecording,
  type ConsentType,
  INSTRUMENT_CONSENTS,
  type SignatureKind,
} from './acts.js';
import { afterPeriod, type CalendarDate, laterDate, type Period } from './calendar-date.js';
import type { EntryIntoForceRule } from './types.js';

/**
 * A party's standing, derived from its acts and the agreement's rules:
 *
 *   none ──sign──▶ signatory ──consent──▶ contracting ──in force for it──▶ party ──denunciation effective──▶ denounced
 *
 * Everything here is a pure function of (acts, rules, asOf). Point-in-time
 * views are the same functions over a filtered list of acts.
 */

export type Standing = 'none' | 'signatory' | 'contracting' | 'party' | 'denounced';
export const STANDINGS: readonly Standing[] = [
  'none',
  'signatory',
  'contracting',
  'party',
  'denounced',
];

/** R reservation, D declaration, O objection, A ad referendum signature, P provisional application. */
export type Marker = 'R' | 'D' | 'O' | 'A' | 'P';
export const MARKERS: readonly Marker[] = ['R', 'D', 'O', 'A', 'P'];

export type Counting = 'signatures' | 'consents' | 'notifications';

export interface AgreementRules {
  readonly entryIntoForce: EntryIntoForceRule;
  /** The roster; `member: false` marks parties that the qualifier does not count (non-member States, organisations). */
  readonly parties: readonly { readonly party: string; readonly member?: boolean }[];
}

export const DEFAULT_DENUNCIATION_NOTICE: Period = { months: 12 };

export const countingOf = (rule: EntryIntoForceRule): Counting => rule.counting ?? 'signatures';

/** A denunciation notified on `date`, and the day it takes effect: as it says, else after the notice. */
export function denunciationOf(
  act: { readonly date: CalendarDate; readonly effectiveDate?: CalendarDate },
  rule: EntryIntoForceRule,
): { readonly date: CalendarDate; readonly effectiveDate: CalendarDate } {
  return {
    date: act.date,
    effectiveDate:
      act.effectiveDate ?? afterPeriod(act.date, rule.denunciation ?? DEFAULT_DENUNCIATION_NOTICE),
  };
}

export function consentMeansOf(rule: EntryIntoForceRule): readonly ConsentType[] {
  return (
    rule.consentMeans ?? (countingOf(rule) === 'signatures' ? ['signature'] : INSTRUMENT_CONSENTS)
  );
}

/** Counting signatures at the moment of the Nth, with nothing else: the rule of v1, whose `inForceAt` is a timestamp. */
export function isInstantRule(rule: EntryIntoForceRule): boolean {
  return countingOf(rule) === 'signatures' && !rule.delay && !rule.qualifier;
}

interface Reservation {
  readonly id: string;
  readonly madeAt: 'signature' | 'consent';
  readonly confirms?: string;
  withdrawn: boolean;
}

/** What a party's acts amount to, folded in recording order. */
export interface PartyRecord {
  readonly party: string;
  signature?: {
    readonly id: string;
    readonly date: CalendarDate;
    readonly kind: SignatureKind;
    confirmed: boolean;
  };
  /** A counted signature (and the consent it gave, if any) that was withdrawn: it counted until then. */
  withdrawnSignature?: {
    readonly from: CalendarDate;
    readonly until: CalendarDate;
    readonly wasConsent: boolean;
  };
  declined: boolean;
  consent?: { readonly type: ConsentType; readonly date: CalendarDate };
  notifiedOn?: CalendarDate;
  provisional: boolean;
  readonly reservations: Reservation[];
  declarations: number;
  objections: number;
  denunciation?: { readonly date: CalendarDate; readonly effectiveDate: CalendarDate };
}

const emptyRecord = (party: string): PartyRecord => ({
  party,
  declined: false,
  provisional: false,
  reservations: [],
  declarations: 0,
  objections: 0,
});

function giveConsent(record: PartyRecord, type: ConsentType, date: CalendarDate) {
  record.consent ??= { type, date };
}

function applyAct(record: PartyRecord, act: Act, rule: EntryIntoForceRule): void {
  const means = consentMeansOf(rule);
  switch (act.type) {
    case 'signature': {
      const confirmed = act.kind !== 'ad-referendum';
      record.signature = { id: act.id, date: act.date, kind: act.kind, confirmed };
      record.declined = false;
      if (act.kind === 'definitive' || (confirmed && means.includes('signature')))
        giveConsent(record, 'signature', act.date);
      break;
    }
    case 'signature-confirmation':
      if (record.signature) {
        record.signature.confirmed = true;
        // VCLT 12(2)(b): the confirmed signature counts from its own date.
        if (means.includes('signature')) giveConsent(record, 'signature', record.signature.date);
      }
      break;
    case 'ratification':
    case 'acceptance':
    case 'approval':
    case 'accession':
    case 'succession':
      if (means.includes(act.type)) giveConsent(record, act.type, act.date);
      break;
    case 'domestic-procedures-completed':
      record.notifiedOn ??= act.date;
      break;
    case 'provisional-application':
      record.provisional = true;
      break;
    case 'provisional-application-ended':
      record.provisional = false;
      break;
    case 'reservation':
      record.reservations.push({
        id: act.id,
        madeAt: act.madeAt,
        ...(act.relatesTo && { confirms: act.relatesTo }),
        withdrawn: false,
      });
      break;
    case 'declaration':
      record.declarations += 1;
      break;
    case 'reservation-withdrawn': {
      const reservation = record.reservations.find((r) => r.id === act.relatesTo);
      if (reservation) reservation.withdrawn = true;
      break;
    }
    case 'objection':
      record.objections += 1;
      break;
    case 'denunciation':
      record.denunciation ??= denunciationOf(act, rule);
      break;
    case 'decline':
      record.declined = true;
      break;
    case 'signature-withdrawn': {
      const wasConsent = record.consent?.type === 'signature';
      if (record.signature?.confirmed)
        record.withdrawnSignature = { from: record.signature.date, until: act.date, wasConsent };
      record.signature = undefined;
      if (wasConsent) record.consent = undefined;
      break;
    }
    case 'correction':
      break;
  }
}

/** Folds effective acts (corrections applied) per party, in recording order. */
export function partyRecords(
  acts: readonly Act[],
  rules: AgreementRules,
): ReadonlyMap<string, PartyRecord> {
  const records = new Map(rules.parties.map((p) => [p.party, emptyRecord(p.party)]));
  for (const act of [...acts].sort(byRecording)) {
    const record = records.get(act.party) ?? emptyRecord(act.party);
    records.set(act.party, record);
    applyAct(record, act, rules.entryIntoForce);
  }
  return records;
}

/** From when (and until when, if it ended) a party counts towards entry into force. */
function countedInterval(
  record: PartyRecord,
  counting: Counting,
): { readonly from: CalendarDate; readonly until?: CalendarDate } | undefined {
  const withdrawn = record.withdrawnSignature;
  switch (counting) {
    case 'notifications':
      return record.notifiedOn ? { from: record.notifiedOn } : undefined;
    case 'consents':
      return record.consent
        ? { from: record.consent.date }
        : withdrawn?.wasConsent
          ? withdrawn
          : undefined;
    case 'signatures':
      return record.signature?.confirmed ? { from: record.signature.date } : withdrawn;
  }
}

export interface EntryIntoForce {
  /** The date the Nth signature, consent or notification was reached (the qualifier met). */
  readonly thresholdReachedOn?: CalendarDate;
  /** The agreement's entry into force: threshold plus delay. */
  readonly inForceAt?: CalendarDate;
  /** Per party that counts, the date the agreement is (or will be) in force for it. */
  readonly inForceFor: ReadonlyMap<string, CalendarDate>;
}

/**
 * Entry into force as treaties write it: the first date on which `count`
 * parties (at least `qualifier.members` of them members) counted at once,
 * plus the delay; for a party that joined after that date, its own date
 * plus the later-parties period (default: the delay), never before the
 * agreement's. Once reached it stays: later withdrawals bind only the
 * withdrawing party.
 */
export function entryIntoForce(
  records: ReadonlyMap<string, PartyRecord>,
  rules: AgreementRules,
): EntryIntoForce {
  const rule = rules.entryIntoForce;
  const counting = countingOf(rule);
  const needed = rule.rule === 'all' ? rules.parties.length : rule.count;
  const members = new Set(rules.parties.filter((p) => p.member !== false).map((p) => p.party));
  const intervals = [...records.values()].flatMap((record) => {
    const interval = countedInterval(record, counting);
    return interval ? [{ party: record.party, ...interval }] : [];
  });
  const thresholdReachedOn = [...new Set(intervals.map((i) => i.from))].sort().find((date) => {
    const counted = intervals.filter((i) => i.from <= date && !(i.until && i.until <= date));
    return (
      needed > 0 &&
      counted.length >= needed &&
      counted.filter((i) => members.has(i.party)).length >= (rule.qualifier?.members ?? 0)
    );
  });
  if (!thresholdReachedOn) return { inForceFor: new Map() };
  const inForceAt = rule.delay ? afterPeriod(thresholdReachedOn, rule.delay) : thresholdReachedOn;
  const later = rule.laterParties ?? rule.delay;
  const inForceFor = new Map<string, CalendarDate>();
  for (const record of records.values()) {
    const interval = countedInterval(record, counting);
    if (!interval || interval.until) continue;
    const joined = interval.from;
    const own = joined <= thresholdReachedOn || !later ? joined : afterPeriod(joined, later);
    inForceFor.set(record.party, laterDate(inForceAt, own));
  }
  return { thresholdReachedOn, inForceAt, inForceFor };
}

export interface PartyStanding {
  readonly party: string;
  readonly standing: Standing;
  readonly consent?: { readonly type: ConsentType; readonly date: CalendarDate };
  readonly inForceFor?: CalendarDate;
  readonly provisionallyApplied: boolean;
  readonly markers: readonly Marker[];
  readonly denunciation?: { readonly date: CalendarDate; readonly effectiveDate: CalendarDate };
}

export interface AgreementStanding extends EntryIntoForce {
  readonly asOf: CalendarDate;
  /** In force on `asOf`. */
  readonly inForce: boolean;
  readonly parties: ReadonlyMap<string, PartyStanding>;
  /** The acts as listed, per party, newest last, flagged corrected or lapsed. */
  readonly acts: ReadonlyMap<string, readonly ActView[]>;
}

function lapsedReservations(record: PartyRecord): Set<string> {
  if (!record.consent) return new Set();
  const confirmed = new Set(record.reservations.flatMap((r) => (r.confirms ? [r.confirms] : [])));
  return new Set(
    record.reservations
      .filter((r) => r.madeAt === 'signature' && !r.withdrawn && !confirmed.has(r.id))
      .map((r) => r.id),
  );
}

function standingFrom(
  record: PartyRecord,
  inForceFor: CalendarDate | undefined,
  counting: Counting,
  asOf: CalendarDate,
): Standing {
  if (record.denunciation && record.denunciation.effectiveDate <= asOf) return 'denounced';
  if (inForceFor && inForceFor <= asOf) return 'party';
  if (record.consent || (counting === 'notifications' && record.notifiedOn)) return 'contracting';
  return record.signature ? 'signatory' : 'none';
}

/**
 * Every party's standing on `asOf`, from the acts dated up to then (with
 * every correction applied: a correction fixes what happened, whenever it
 * is recorded).
 */
export function standingOf(
  acts: readonly Act[],
  rules: AgreementRules,
  asOf: CalendarDate,
): AgreementStanding {
  const { effective, correctedBy } = applyCorrections(acts);
  const dated = effective.filter((act) => act.date <= asOf);
  const records = partyRecords(dated, rules);
  const counting = countingOf(rules.entryIntoForce);
  const force = entryIntoForce(records, rules);
  const parties = new Map<string, PartyStanding>();
  const lapsed = new Set<string>();
  for (const record of records.values()) {
    const inForceFor = force.inForceFor.get(record.party);
    const standing = standingFrom(record, inForceFor, counting, asOf);
    const lapsedHere = lapsedReservations(record);
    for (const id of lapsedHere) lapsed.add(id);
    const provisionallyApplied =
      record.provisional && standing !== 'party' && standing !== 'denounced';
    const flags: Record<Marker, boolean> = {
      R: record.reservations.some((r) => !r.withdrawn && !lapsedHere.has(r.id)),
      D: record.declarations > 0,
      O: record.objections > 0,
      A: record.signature?.kind === 'ad-referendum' && !record.signature.confirmed,
      P: provisionallyApplied,
    };
    parties.set(record.party, {
      party: record.party,
      standing,
      ...(record.consent && { consent: record.consent }),
      ...(inForceFor && { inForceFor }),
      provisionallyApplied,
      markers: MARKERS.filter((m) => flags[m]),
      ...(record.denunciation && { denunciation: record.denunciation }),
    });
  }
  const listed = new Map<string, ActView[]>();
  for (const act of [...acts].sort(byRecording)) {
    if (act.type !== 'correction' && act.date > asOf) continue;
    const corrected = correctedBy.get(act.id);
    const view: ActView = {
      ...act,
      ...(corrected && { correctedBy: corrected }),
      ...(lapsed.has(act.id) && { lapsed: true as const }),
    };
    listed.set(act.party, [...(listed.get(act.party) ?? []), view]);
  }
  return {
    ...force,
    asOf,
    inForce: force.inForceAt !== undefined && force.inForceAt <= asOf,
    parties,
    acts: listed,
  };
}
