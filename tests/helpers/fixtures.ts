import { createHash } from 'node:crypto';
import {
  SUMMIT_REPRESENTATIVES as REPRESENTATIVES,
  summitConference,
  SUMMIT_PARTIES as TURKIC_PARTIES,
} from '../../shared/contract/summit.js';
import type { TestApi } from './test-api.js';

// The summit every test, the demo and the benchmarks share, under the names the tests use.
export {
  SUMMIT_PARTIES as TURKIC_PARTIES,
  SUMMIT_REPRESENTATIVES as REPRESENTATIVES,
  summitCeremony as ceremonyBody,
  summitConference as conferenceBody,
} from '../../shared/contract/summit.js';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function agreementBody(parties: readonly string[], extra: Record<string, unknown> = {}) {
  return {
    title: 'Protocol of Intent on Digital Cooperation',
    kind: 'protocol',
    documentSha256: sha256('Protocol of Intent'),
    signatories: parties.map((party) => ({ party })),
    ...extra,
  };
}

export function signatureBody(party: string, extra: Record<string, unknown> = {}) {
  return {
    signedBy: REPRESENTATIVES[party] ?? { name: `Delegate of ${party}`, title: 'Minister' },
    signedAt: '2022-07-26T15:30:00+06:00',
    place: 'Чолпон-Ата',
    ...extra,
  };
}

/** A conference of `parties` and an open agreement all of them sign; returns both ids. */
export async function openAgreement(
  api: TestApi,
  parties: readonly { code: string; name: string }[] = TURKIC_PARTIES,
) {
  const token = await api.token('secretariat');
  const conference = await api.request('POST', '/v1/conferences', {
    token,
    body: summitConference(parties),
  });
  if (conference.status !== 201)
    throw new Error(`conference: ${conference.status} ${JSON.stringify(conference.body)}`);
  const agreement = await api.request('POST', `/v1/conferences/${conference.body.id}/agreements`, {
    token,
    body: agreementBody(
      parties.map((p) => p.code),
      { open: true },
    ),
  });
  if (agreement.status !== 201)
    throw new Error(`agreement: ${agreement.status} ${JSON.stringify(agreement.body)}`);
  return { conferenceId: conference.body.id as string, agreementId: agreement.body.id as string };
}
