import { actsOf, rulesOf } from './act-rules.js';
import { type Act, type ActView, applyCorrections, type ConsentType } from './acts.js';
import { applyRecordedAct } from './agreement-changes.js';
import { type CalendarDate, dateInZone } from './calendar-date.js';
import { isInstantRule, type Marker, type Standing, standingOf } from './standing.js';

import type { Agreement, AgreementStatus, AuditEvent, Signatory } from './types.js';

/**
 * The agreement as the API shows it: the stored record plus every party's
 * standing on a date. A point in time (`asOf`, `asRecordedAt`) is the same
 * view of a replay of the agreement's events through the same fold that
 * recorded them, with a filter: nothing is computed a second way.
 */

export interface SignatoryView extends Omit<Signatory, 'acts'> {
  readonly standing: Standing;
  readonly consent?: { readonly type: ConsentType; readonly date: CalendarDate };
  readonly inForceFor?: CalendarDate;
  readonly provisionallyApplied: boolean;
  readonly markers: readonly Marker[];
  /** The party's acts, oldest first, flagged when corrected or lapsed. */
  readonly acts: readonly ActView[];
}

export interface AgreementView extends Omit<Agreement, 'signatories'> {
  /** The date standings are given for (today in the depositary's calendar, unless asked). */
  readonly asOf: CalendarDate;
  /** With `?asRecordedAt=`: the moment whose record this is. */
  readonly asRecordedAt?: string;
  readonly signatories: readonly SignatoryView[];
}

/**
 * Whether an agreement is in force on `asOf`, from its stored `inForceAt`:
 * under a dated rule the date may lie ahead of the day it was recorded.
 */
export function inForceOn<T extends Pick<Agreement, 'entryIntoForce' | 'inForce' | 'inForceAt'>>(
  agreement: T,
  asOf: CalendarDate,
): T {
  if (isInstantRule(agreement.entryIntoForce)) return agreement;
  return {
    ...agreement,
    inForce: agreement.inForceAt !== undefined && agreement.inForceAt <= asOf,
  };
}

export function viewOf(agreement: Agreement, asOf: CalendarDate): AgreementView {
  const acts = actsOf(agreement.signatories);
  const standing = standingOf(acts, rulesOf(agreement), asOf);
  const signatories = agreement.signatories.map((signatory): SignatoryView => {
    const { acts: _recorded, ...fields } = signatory;
    const party = standing.parties.get(signatory.party)!;
    return {
      ...fields,
      standing: party.standing,
      ...(party.consent && { consent: party.consent }),
      ...(party.inForceFor && { inForceFor: party.inForceFor }),
      provisionallyApplied: party.provisionallyApplied,
      markers: party.markers,
      acts: standing.acts.get(signatory.party) ?? [],
    };
  });
  const instant = isInstantRule(agreement.entryIntoForce);
  const { inForceAt: _stored, ...fields } = agreement;
  const inForceAt = instant ? agreement.inForceAt : standing.inForceAt;
  return {
    ...fields,
    inForce: instant ? agreement.inForce : standing.inForce,
    ...(inForceAt && { inForceAt }),
    asOf,
    signatories,
  };
}

export type PointInTime = { readonly asOf: CalendarDate } | { readonly asRecordedAt: string };

/** The day a point in time gives standings for: `asOf`, or the day `asRecordedAt` fell on. */
export const standingDateAt = (point: PointInTime, timeZone: string): CalendarDate =>
  'asOf' in point ? point.asOf : dateInZone(point.asRecordedAt, timeZone);

const statusAfter: Partial<Record<AuditEvent['action'], AgreementStatus>> = {
  AGREEMENT_CREATED: 'draft',
  AGREEMENT_OPENED: 'open',
  AGREEMENT_CLOSED: 'closed',
};

/**
 * The agreement at a point in time, replayed from its events: `asRecordedAt`
 * keeps the events recorded up to that moment; `asOf` keeps the acts dated
 * up to that day (corrections applied: they fix what happened).
 */
export function agreementAt(
  current: Agreement,
  events: readonly AuditEvent[],
  point: PointInTime,
  timeZone: string,
): AgreementView {
  const recorded =
    'asRecordedAt' in point ? events.filter((e) => e.at <= point.asRecordedAt) : events;
  const asOf = standingDateAt(point, timeZone);
  const acts = recorded.flatMap((e) => (e.data.act ? [e.data.act as Act] : []));
  const { effective } = applyCorrections(acts);
  const happened = new Set(effective.filter((a) => a.date <= asOf).map((a) => a.id));
  const kept = (act: Act) =>
    act.type === 'correction' ? happened.has(act.relatesTo) : happened.has(act.id);

  let agreement: Agreement = {
    ...current,
    signatories: current.signatories.map(({ party, partyName, representative, member }) => ({
      party,
      partyName,
      status: 'pending',
      ...(representative && { representative }),
      ...(member === false && { member }),
      updatedAt: current.createdAt,
    })),
    progress: { signed: 0, total: current.signatories.length },
    inForce: false,
    inForceAt: undefined,
  };
  for (const event of recorded) {
    const act = event.data.act as Act | undefined;
    if (act && kept(act)) agreement = applyRecordedAct(agreement, act);
    const status = statusAfter[event.action];
    agreement = {
      ...agreement,
      ...(status && { status }),
      ...('asRecordedAt' in point && { updatedAt: event.at }),
      chain: { headSeq: event.seq, headHash: event.hash },
      version: event.seq,
    };
  }
  const { inForceAt, ...rest } = agreement;
  const view = viewOf({ ...rest, ...(inForceAt && { inForceAt }) }, asOf);
  return 'asRecordedAt' in point ? { ...view, asRecordedAt: point.asRecordedAt } : view;
}
