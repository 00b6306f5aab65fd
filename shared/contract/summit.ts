/**
 * The XXIV Summit of the Organization of Turkic States (Cholpon-Ata, 2022):
 * the one example the API documentation shows and the fixture tests, the
 * demo and the benchmarks share. Names exactly as the delegations write
 * them, Latin and Cyrillic.
 */

export const SUMMIT_PARTIES = [
  { code: 'AZE', name: 'Azərbaycan Respublikası' },
  { code: 'KAZ', name: 'Қазақстан Республикасы' },
  { code: 'KGZ', name: 'Кыргыз Республикасы' },
  { code: 'TUR', name: 'Türkiye Cumhuriyeti' },
  { code: 'UZB', name: 'Oʻzbekiston Respublikasi' },
] as const;

export type SummitParty = { readonly code: string; readonly name: string };

/** The body of `POST /v1/conferences` for the summit, with `parties` (default: the five states). */
export function summitConference(parties: readonly SummitParty[] = SUMMIT_PARTIES) {
  return {
    name: 'XXIV Zirvə — Türk Dövlətləri Təşkilatı',
    venue: { city: 'Чолпон-Ата', country: 'Кыргызстан' },
    timeZone: 'Asia/Bishkek',
    startDate: '2022-07-26',
    endDate: '2022-07-27',
    parties: [...parties],
  };
}

/** The body of `POST /v1/conferences/{id}/ceremonies` for the summit's signing ceremony. */
export function summitCeremony(agreementIds: readonly string[]) {
  return {
    title: 'Signing ceremony',
    place: 'Чолпон-Ата',
    scheduledAt: '2022-07-26T15:00:00+06:00',
    agreementIds: [...agreementIds],
  };
}

/** The heads of state who signed for each party. */
export const SUMMIT_REPRESENTATIVES: Readonly<Record<string, { name: string; title: string }>> = {
  AZE: { name: 'İlham Əliyev', title: 'Prezident' },
  KAZ: { name: 'Қасым-Жомарт Тоқаев', title: 'Президент' },
  KGZ: { name: 'Садыр Жапаров', title: 'Президент' },
  TUR: { name: 'Recep Tayyip Erdoğan', title: 'Cumhurbaşkanı' },
  UZB: { name: 'Shavkat Mirziyoyev', title: 'Oʻzbekiston Prezidenti' },
};
