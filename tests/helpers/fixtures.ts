import { createHash } from 'node:crypto';
import type { TestApi } from './test-api.js';

/** Names exactly as the delegations write them, Latin and Cyrillic. */
export const TURKIC_PARTIES = [
  { code: 'AZE', name: 'Azərbaycan Respublikası' },
  { code: 'KAZ', name: 'Қазақстан Республикасы' },
  { code: 'KGZ', name: 'Кыргыз Республикасы' },
  { code: 'TUR', name: 'Türkiye Cumhuriyeti' },
  { code: 'UZB', name: 'Oʻzbekiston Respublikasi' },
] as const;

export const REPRESENTATIVES: Record<string, { name: string; title: string }> = {
  AZE: { name: 'İlham Əliyev', title: 'Prezident' },
  KAZ: { name: 'Қасым-Жомарт Тоқаев', title: 'Президент' },
  KGZ: { name: 'Садыр Жапаров', title: 'Президент' },
  TUR: { name: 'Recep Tayyip Erdoğan', title: 'Cumhurbaşkanı' },
  UZB: { name: 'Shavkat Mirziyoyev', title: 'Oʻzbekiston Prezidenti' },
};

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function conferenceBody(
  parties: readonly { code: string; name: string }[] = TURKIC_PARTIES,
) {
  return {
    name: 'XXIV Zirvə — Türk Dövlətləri Təşkilatı',
    venue: { city: 'Чолпон-Ата', country: 'Кыргызстан' },
    timeZone: 'Asia/Bishkek',
    startDate: '2022-07-26',
    endDate: '2022-07-27',
    parties,
  };
}

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
    body: conferenceBody(parties),
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
