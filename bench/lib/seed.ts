import { createHash } from 'node:crypto';
import { summitConference } from '../../shared/contract/summit.js';
import { type BenchApi, expectStatus } from './api.js';
import { type BenchParty, benchPlace, benchSigner } from './model.js';

/** Setting up data through the API (not measured). */

export async function createConference(api: BenchApi, parties: readonly BenchParty[]) {
  const response = await expectStatus(
    api.request('POST', '/v1/conferences', api.tokens.secretariat, summitConference(parties)),
    201,
    'create conference',
  );
  return (response.body as { id: string }).id;
}

export async function createAgreement(
  api: BenchApi,
  conferenceId: string,
  partyCodes: readonly string[],
  title = 'Protocol of Intent on Digital Cooperation',
) {
  const response = await expectStatus(
    api.request('POST', `/v1/conferences/${conferenceId}/agreements`, api.tokens.secretariat, {
      title,
      kind: 'protocol',
      documentSha256: createHash('sha256').update(title).digest('hex'),
      signatories: partyCodes.map((party) => ({ party })),
      entryIntoForce: { rule: 'count', count: Math.max(1, Math.ceil(partyCodes.length / 2)) },
      open: true,
    }),
    201,
    'create agreement',
  );
  return (response.body as { id: string }).id;
}

/** The body of a signature by party number `index`, as a secretariat would send it. */
export function signatureBody(index: number) {
  return {
    signedBy: benchSigner(index),
    signedAt: '2022-07-26T15:30:00+06:00',
    place: benchPlace(index),
  };
}

export const signaturePath = (agreementId: string, party: string) =>
  `/v1/agreements/${agreementId}/signatories/${party}/signature`;

export async function sign(api: BenchApi, agreementId: string, party: string, index: number) {
  await expectStatus(
    api.request(
      'POST',
      signaturePath(agreementId, party),
      api.tokens.secretariat,
      signatureBody(index),
    ),
    201,
    `sign ${party}`,
  );
}

export async function decline(api: BenchApi, agreementId: string, party: string) {
  await expectStatus(
    api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/${party}/decline`,
      api.tokens.secretariat,
      { reason: 'Ratification by the Jogorku Kenesh is pending' },
    ),
    200,
    `decline ${party}`,
  );
}
