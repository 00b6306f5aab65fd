import type { Act, ConsentType } from './acts.js';
import type { CalendarDate, Period } from './calendar-date.js';

/**
 * Entities of the signing record as the API returns them. Pure data: no
 * storage keys, no HTTP. Timestamps are RFC 3339 UTC strings (`...Z`),
 * dates are `YYYY-MM-DD`.
 */

/** The roles of this service, one per Cognito group (`cognito:groups`). */
export const ROLES = ['secretariat', 'member', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** A party: ISO 3166-1 alpha-3 (`AZE`) or an organisation code (`OTS`). */
export const PARTY_CODE = /^[A-Z][A-Z0-9-]{1,15}$/;

/** Who performed a request, derived from verified token claims. */
export interface Actor {
  readonly sub: string;
  readonly role: Role;
  readonly party?: string;
}

export interface Party {
  readonly code: string;
  readonly name: string;
}

export interface Conference {
  readonly id: string;
  readonly name: string;
  readonly venue: { readonly city: string; readonly country: string };
  /** IANA time zone of the venue; PDFs show local times in it. */
  readonly timeZone: string;
  readonly startDate: string;
  readonly endDate?: string;
  readonly parties: readonly Party[];
  readonly createdAt: string;
  readonly version: number;
}

export type AgreementStatus = 'draft' | 'open' | 'closed';
export type SignatoryStatus = 'pending' | 'signed' | 'declined' | 'withdrawn';

/** What an entry-into-force rule may count; `signatures` unless it says otherwise. */
export const COUNTINGS = ['signatures', 'consents', 'notifications'] as const;
export type Counting = (typeof COUNTINGS)[number];

/**
 * How the agreement enters into force. Without the optional fields, the
 * rule of v1: in force at the moment of the Nth signature (or of all).
 */
export type EntryIntoForceRule = (
  | { readonly rule: 'all' }
  | { readonly rule: 'count'; readonly count: number }
) & {
  /** What is counted; default `signatures`. */
  readonly counting?: Counting;
  /** From the date the count is reached to entry into force. */
  readonly delay?: Period;
  /** For a party that joins after the count was reached; default: `delay`. */
  readonly laterParties?: Period;
  /** At least this many of those counted must be members (signatories not marked `member: false`). */
  readonly qualifier?: { readonly members: number };
  /** Act types that express consent to be bound. */
  readonly consentMeans?: readonly ConsentType[];
  /** Notice period of a denunciation; default 12 months (VCLT 56). */
  readonly denunciation?: Period;
};

export interface Person {
  readonly name: string;
  readonly title: string;
}

export interface Signatory {
  readonly party: string;
  readonly partyName: string;
  readonly status: SignatoryStatus;
  readonly representative?: Person;
  readonly signedBy?: Person;
  readonly signedAt?: string;
  readonly place?: string;
  readonly ceremonyId?: string;
  readonly reason?: string;
  /** `false` for a party that an entry-into-force qualifier does not count as a member. */
  readonly member?: boolean;
  readonly updatedAt: string;
  /** The party's acts as recorded, oldest first. */
  readonly acts?: readonly Act[];
}

export interface Progress {
  readonly signed: number;
  readonly total: number;
}

export interface Agreement {
  readonly id: string;
  readonly conferenceId: string;
  readonly title: string;
  readonly kind: string;
  readonly documentSha256: string;
  readonly status: AgreementStatus;
  readonly entryIntoForce: EntryIntoForceRule;
  readonly signatories: readonly Signatory[];
  readonly progress: Progress;
  readonly inForce: boolean;
  /** A timestamp under the v1 rule (the completing signature); a date when the rule has a delay or counts other acts. */
  readonly inForceAt?: string | CalendarDate;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  /** Head of the agreement's audit chain: the hash and seq of its newest event. */
  readonly chain: { readonly headSeq: number; readonly headHash: string };
}

export interface Ceremony {
  readonly id: string;
  readonly conferenceId: string;
  readonly title: string;
  readonly place: string;
  readonly scheduledAt: string;
  readonly agreementIds: readonly string[];
  readonly createdAt: string;
  readonly version: number;
}

export type AuditAction =
  | 'AGREEMENT_CREATED'
  | 'AGREEMENT_OPENED'
  | 'SIGNATURE_RECORDED'
  | 'SIGNATURE_DECLINED'
  | 'SIGNATURE_WITHDRAWN'
  | 'AGREEMENT_CLOSED'
  | 'ACT_RECORDED';

/** One link of an agreement's tamper-evident history. See `hash-chain.ts`. */
export interface AuditEvent {
  readonly agreementId: string;
  readonly seq: number;
  readonly at: string;
  readonly action: AuditAction;
  readonly party?: string;
  readonly actor: Actor;
  readonly data: Record<string, unknown>;
  readonly requestId: string;
  readonly prevHash: string;
  readonly hash: string;
}
