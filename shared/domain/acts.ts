import { type CalendarDate, isCalendarDate } from './calendar-date.js';
import type { Person } from './types.js';

/**
 * A party's acts, as a depositary records them (VCLT arts. 11–18, 23–25,
 * 56, 65–68, 76–78; UN Treaty Collection, Council of Europe, CIS practice).
 * Acts are append-only: a wrong one is superseded by a `correction`, never
 * edited. `date` is when the act happened, in the depositary's calendar;
 * `recordedAt` is when the secretariat recorded it.
 */

export const CONSENT_TYPES = [
  'signature',
  'ratification',
  'acceptance',
  'approval',
  'accession',
  'succession',
] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];

/** What counts as consent to be bound when the agreement does not say. */
export const INSTRUMENT_CONSENTS: readonly ConsentType[] = [
  'ratification',
  'acceptance',
  'approval',
  'accession',
  'succession',
];

export type SignatureKind = 'simple' | 'definitive' | 'ad-referendum';

export type ActDetails =
  | {
      readonly type: 'signature';
      readonly kind: SignatureKind;
      readonly signedBy: Person;
      readonly signedAt: string;
      readonly place?: string;
      readonly ceremonyId?: string;
      readonly fullPowers?: {
        readonly reference: string;
        readonly issuedBy?: string;
        readonly date?: CalendarDate;
      };
    }
  | { readonly type: 'signature-confirmation' }
  | {
      readonly type: 'ratification' | 'acceptance' | 'approval' | 'accession';
      readonly instrument?: { readonly reference: string };
    }
  | {
      readonly type: 'succession';
      readonly predecessor: string;
      readonly instrument?: { readonly reference: string };
    }
  | { readonly type: 'domestic-procedures-completed'; readonly reference?: string }
  | { readonly type: 'provisional-application' | 'provisional-application-ended' }
  | {
      readonly type: 'reservation' | 'declaration';
      readonly text: string;
      readonly articles?: readonly string[];
      readonly madeAt: 'signature' | 'consent';
      /** On a reservation made at consent: the reservation made at signature that it confirms. */
      readonly relatesTo?: string;
    }
  | { readonly type: 'reservation-withdrawn'; readonly relatesTo: string }
  | { readonly type: 'objection'; readonly relatesTo: string; readonly text: string }
  | { readonly type: 'denunciation'; readonly effectiveDate?: CalendarDate }
  | { readonly type: 'decline'; readonly reason?: string }
  | { readonly type: 'signature-withdrawn'; readonly reason: string }
  | {
      readonly type: 'correction';
      readonly relatesTo: string;
      readonly fields: Readonly<Record<string, unknown>>;
      readonly reason: string;
    };

export type ActType = ActDetails['type'];

export const ACT_TYPES = [
  'signature',
  'signature-confirmation',
  'ratification',
  'acceptance',
  'approval',
  'accession',
  'succession',
  'domestic-procedures-completed',
  'provisional-application',
  'provisional-application-ended',
  'reservation',
  'declaration',
  'reservation-withdrawn',
  'objection',
  'denunciation',
  'decline',
  'signature-withdrawn',
  'correction',
] as const satisfies readonly ActType[];

/** An act as the secretariat submits it. */
export type ActInput = ActDetails & { readonly date: CalendarDate };

/** A recorded act: the input plus what recording adds. */
export type Act = ActInput & {
  /** `<agreementId>:<seq>`, seq of the audit event that records it. */
  readonly id: string;
  readonly party: string;
  readonly recordedAt: string;
  /** Depositary notification number, `<prefix>/<yyyy>/<n>`. */
  readonly notification?: string;
};

/** An act as listed under its signatory: flagged when superseded or lapsed. */
export type ActView = Act & {
  /** The correction that superseded this act as recorded. */
  readonly correctedBy?: string;
  /** A reservation made at signature that consent was given without (VCLT 23(2)). */
  readonly lapsed?: true;
};

/** A depositary notification: the citable number an act took, `<prefix>/<yyyy>/<n>`. */
export interface DepositaryNotification {
  readonly notification: string;
  readonly prefix: string;
  readonly year: number;
  readonly n: number;
  /** The day it was issued (the act recorded), in the depositary's calendar. */
  readonly issuedOn: CalendarDate;
  readonly agreementId: string;
  /**
   * The agreement's title when the act was recorded, as a depositary
   * notification cites it (absent from notifications issued before 2026-12).
   */
  readonly agreementTitle?: string;
  readonly actId: string;
  readonly party: string;
  readonly actType: ActType;
  /** When the act happened. */
  readonly date: CalendarDate;
  readonly recordedAt: string;
}

export const actId = (agreementId: string, seq: number) => `${agreementId}:${seq}`;

/** The event seq in an act id; acts of one agreement sort by it in recording order. */
export const actSeq = (id: string) => Number(id.slice(id.lastIndexOf(':') + 1));

export const byRecording = (a: Pick<Act, 'id'>, b: Pick<Act, 'id'>) => actSeq(a.id) - actSeq(b.id);

/** Fields a correction may not change: what identifies the act and what recording added. */
const IDENTITY_FIELDS = new Set(['id', 'type', 'party', 'recordedAt', 'notification']);

export const correctableField = (name: string) => !IDENTITY_FIELDS.has(name);

export interface CorrectedActs {
  /** Every act but the corrections, with corrections applied, in recording order. */
  readonly effective: readonly Act[];
  /** Original act id → the last correction that superseded it. */
  readonly correctedBy: ReadonlyMap<string, string>;
}

/**
 * Applies corrections in recording order: a later correction of the same
 * act wins field by field. Corrections of unknown acts change nothing (the
 * write path refuses them).
 */
export function applyCorrections(acts: readonly Act[]): CorrectedActs {
  const byId = new Map<string, Act>();
  const correctedBy = new Map<string, string>();
  for (const act of [...acts].sort(byRecording)) {
    if (act.type !== 'correction') {
      byId.set(act.id, act);
      continue;
    }
    const original = byId.get(act.relatesTo);
    if (!original) continue;
    const changes = Object.fromEntries(
      Object.entries(act.fields).filter(([name]) => correctableField(name)),
    );
    byId.set(original.id, { ...original, ...changes } as Act);
    correctedBy.set(original.id, act.id);
  }
  return { effective: [...byId.values()], correctedBy };
}

/** How a page writes dates and instants: the rest of a corrected value reads the same everywhere. */
export interface DateWriter {
  date(date: CalendarDate): string;
  instant(iso: string): string;
}

/**
 * The new value a correction gives a field, as text: a date or an instant
 * as the page writes them, an instrument by its reference, a person by name
 * and title, a list joined; anything else as JSON.
 */
export function correctedValueText(value: unknown, write: DateWriter): string {
  if (typeof value === 'string') {
    if (isCalendarDate(value)) return write.date(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)))
      return write.instant(value);
    return value;
  }
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value && typeof value === 'object') {
    if ('reference' in value) return String(value.reference);
    if ('name' in value && 'title' in value) return `${value.name}, ${value.title}`;
  }
  return JSON.stringify(value);
}
