import type { AgreementParties } from '../domain/access.js';
import type { AgreementTransition } from '../domain/agreement-changes.js';
import type { Agreement, Ceremony, Conference } from '../domain/types.js';

/**
 * What the use cases need from storage. The DynamoDB adapter in
 * `shared/store/` implements it, and so does the in-memory store
 * (`shared/store/memory-store.ts`) that fast tests use; one contract suite
 * (`tests/contract/store-contract.ts`) holds both to the same behaviour.
 */

export interface PageRequest {
  readonly limit: number;
  /** Opaque cursor from a previous page of the same listing. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** An agreement in a listing: everything but the signatory roster. */
export type AgreementSummary = Omit<Agreement, 'signatories'>;

export interface SigningStore {
  createConference(conference: Conference): Promise<void>;
  getConference(id: string): Promise<Conference | undefined>;
  listConferences(page: PageRequest): Promise<Page<Conference>>;

  /** Persists a new agreement with its first events, atomically. */
  createAgreement(transition: AgreementTransition): Promise<void>;
  getAgreement(id: string): Promise<Agreement | undefined>;
  /** A conference's agreements, newest first; `onlyParty` keeps those it is a signatory of. */
  listAgreements(
    conferenceId: string,
    page: PageRequest,
    onlyParty?: string,
  ): Promise<Page<AgreementSummary>>;
  /**
   * Persists a change of an existing agreement and its events atomically,
   * provided the agreement is still at `transition.before`'s chain head.
   * Throws `ConcurrentChangeError` when it is not (someone else changed it).
   */
  commitAgreementChange(transition: AgreementTransition): Promise<void>;

  /** Stores the ceremony with the parties of each agreement it covers (for members' views). */
  createCeremony(ceremony: Ceremony, agreementParties: AgreementParties): Promise<void>;
  getCeremony(id: string): Promise<
    | (Ceremony & {
        readonly partyCodes: readonly string[];
        readonly agreementParties?: AgreementParties;
      })
    | undefined
  >;
  /**
   * A conference's ceremonies, newest first; `onlyParty` keeps those it is
   * party to, each listing only the agreements it signs.
   */
  listCeremonies(
    conferenceId: string,
    page: PageRequest,
    onlyParty?: string,
  ): Promise<Page<Ceremony>>;

  /** Cheap reachability check of the table. */
  ping(): Promise<void>;
}

/** Dependencies every use case receives, so tests can pass their own. */
export interface UseCaseDeps {
  readonly store: SigningStore;
  readonly clock: () => Date;
  readonly newId: () => string;
}
