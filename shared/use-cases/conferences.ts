import { newConference } from '../domain/conference.js';
import { NotFoundError } from '../domain/errors.js';
import { toUtcTimestamp } from '../domain/time.js';
import type { Conference } from '../domain/types.js';
import type { TCreateConference } from '../schemas/commands.js';
import type { Page, PageRequest, UseCaseDeps } from './ports.js';

export async function createConference({
  input,
  deps,
}: {
  input: TCreateConference;
  deps: UseCaseDeps;
}): Promise<Conference> {
  const conference = newConference(input, deps.newId(), toUtcTimestamp(deps.clock()));
  await deps.store.createConference(conference);
  return conference;
}

export async function getConference({
  conferenceId,
  deps,
}: {
  conferenceId: string;
  deps: UseCaseDeps;
}): Promise<Conference> {
  const conference = await deps.store.getConference(conferenceId);
  if (!conference) throw new NotFoundError('Conference not found.');
  return conference;
}

export function listConferences({
  page,
  deps,
}: {
  page: PageRequest;
  deps: UseCaseDeps;
}): Promise<Page<Conference>> {
  return deps.store.listConferences(page);
}
