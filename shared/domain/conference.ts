import { type FieldIssue, UnprocessableError } from './errors.js';
import { earliestDateIssue } from './time.js';
import type { Ceremony, Conference, Party } from './types.js';

export interface NewConference {
  readonly name: string;
  readonly venue: { readonly city: string; readonly country: string };
  readonly timeZone: string;
  readonly startDate: string;
  readonly endDate?: string;
  readonly parties: readonly Party[];
}

/** A conference as first recorded; refuses duplicate parties, an end before the start and dates before 1900. */
export function newConference(input: NewConference, id: string, at: string): Conference {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.parties.forEach((party, index) => {
    if (seen.has(party.code))
      issues.push({
        path: `parties.${index}.code`,
        message: `${party.code} is listed more than once`,
      });
    seen.add(party.code);
  });
  if (input.endDate && input.endDate < input.startDate) {
    issues.push({ path: 'endDate', message: 'must not be before startDate' });
  }
  for (const [path, date] of [
    ['startDate', input.startDate],
    ['endDate', input.endDate],
  ] as const) {
    const early = date && earliestDateIssue(path, date);
    if (early) issues.push(early);
  }
  if (issues.length > 0) throw new UnprocessableError('The conference is not consistent.', issues);
  return { id, ...input, createdAt: at, version: 1 };
}

export interface NewCeremony {
  readonly title: string;
  readonly place: string;
  readonly scheduledAt: string;
  readonly agreementIds: readonly string[];
}

/**
 * A ceremony covers agreements of its own conference, each once.
 * `agreementConferences` maps each requested id to its conference (absent when unknown).
 */
export function newCeremony(
  input: NewCeremony,
  conferenceId: string,
  agreementConferences: ReadonlyMap<string, string>,
  id: string,
  at: string,
): Ceremony {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.agreementIds.forEach((agreementId, index) => {
    const path = `agreementIds.${index}`;
    if (seen.has(agreementId))
      issues.push({ path, message: `${agreementId} is listed more than once` });
    else if (agreementConferences.get(agreementId) !== conferenceId)
      issues.push({ path, message: `${agreementId} is not an agreement of this conference` });
    seen.add(agreementId);
  });
  const early = earliestDateIssue('scheduledAt', input.scheduledAt);
  if (early) issues.push(early);
  if (issues.length > 0)
    throw new UnprocessableError('The ceremony does not fit the conference.', issues);
  return { id, conferenceId, ...input, createdAt: at, version: 1 };
}

/** A signature may name a ceremony only if that ceremony covers the agreement. */
export function assertCeremonyCovers(ceremony: Ceremony | undefined, agreementId: string): void {
  if (!ceremony?.agreementIds.includes(agreementId)) {
    throw new UnprocessableError('The ceremony does not cover this agreement.', [
      { path: 'ceremonyId', message: 'must name a ceremony that covers this agreement' },
    ]);
  }
}
