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

export type EntryIntoForceRule =
  | { readonly rule: 'all' }
  | { readonly rule: 'count'; readonly count: number };

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
  readonly updatedAt: string;
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
  readonly inForceAt?: string;
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
  | 'AGREEMENT_CLOSED';

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
