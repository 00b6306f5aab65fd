import { SUMMIT_PARTIES, summitConference } from '../../../shared/contract/summit.js';
import type { Agreement, Ceremony, Conference, Signatory } from '../../../shared/domain/types.js';

/**
 * Records as the API returns them, with names as delegations write them:
 * Azerbaijani `Ə ə ğ ı`, Turkish `İ ı ş`, Uzbek `Oʻ` (U+02BB), Kazakh
 * `Қ ң ү ұ ө һ і`, Kyrgyz and Russian Cyrillic.
 */
export const conference: Conference = {
  id: 'conf-otc-2022',
  ...summitConference(),
  parties: [...SUMMIT_PARTIES],
  createdAt: '2022-06-01T08:00:00.000Z',
  version: 1,
};

const CEREMONY_ID = 'cer-01G8Y6Z0R5';

/** 15:30 in Cholpon-Ata (UTC+06:00). */
const SIGNED_AT = '2022-07-26T09:30:00.000Z';

export const signatories: readonly Signatory[] = [
  {
    party: 'AZE',
    partyName: 'Azərbaycan Respublikası',
    status: 'signed',
    representative: { name: 'Ceyhun Bayramov', title: 'Xarici İşlər Naziri' },
    signedBy: { name: 'İlham Əliyev', title: 'Azərbaycan Respublikasının Prezidenti' },
    signedAt: SIGNED_AT,
    place: 'Чолпон-Ата',
    ceremonyId: CEREMONY_ID,
    updatedAt: SIGNED_AT,
  },
  {
    party: 'KAZ',
    partyName: 'Қазақстан Республикасы',
    status: 'signed',
    signedBy: { name: 'Мұхтар Тілеуберді', title: 'Сыртқы істер министрі, Үкімет мүшесі' },
    signedAt: '2022-07-26T09:42:00.000Z',
    place: 'Шолпан-Ата, Ыстықкөл өңірі',
    ceremonyId: CEREMONY_ID,
    updatedAt: '2022-07-26T09:42:00.000Z',
  },
  {
    party: 'KGZ',
    partyName: 'Кыргыз Республикасы',
    status: 'pending',
    representative: { name: 'Шаһизада Жээнбекова', title: 'Тышкы иштер министринин орун басары' },
    updatedAt: '2022-07-20T06:00:00.000Z',
  },
  {
    party: 'TUR',
    partyName: 'Türkiye Cumhuriyeti',
    status: 'declined',
    representative: { name: 'Mevlüt Çavuşoğlu', title: 'Dışişleri Bakanı' },
    reason: 'Türkiye Büyük Millet Meclisi onayı bekleniyor (İstanbul görüşmesi sonrası)',
    updatedAt: '2022-07-26T10:05:00.000Z',
  },
  {
    party: 'UZB',
    partyName: 'Oʻzbekiston Respublikasi',
    status: 'withdrawn',
    signedBy: { name: 'Shavkat Mirziyoyev', title: 'Oʻzbekiston Respublikasi Prezidenti' },
    signedAt: '2022-07-26T09:50:00.000Z',
    place: 'Чолпон-Ата',
    reason: 'Signature withdrawn by note verbale No. 12/345 pending domestic procedures',
    updatedAt: '2022-07-27T04:15:00.000Z',
  },
];

export const agreement: Agreement = {
  id: 'agr-01G8Y6Z0R5X3N2',
  conferenceId: conference.id,
  title: 'Protocol of Intent on Digital Cooperation between the Member States',
  kind: 'protocol',
  documentSha256: '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b',
  status: 'open',
  entryIntoForce: { rule: 'count', count: 2 },
  signatories,
  progress: { signed: 2, total: 5 },
  inForce: true,
  inForceAt: '2022-07-26T09:42:00.000Z',
  createdAt: '2022-07-01T08:00:00.000Z',
  updatedAt: '2022-07-27T04:15:00.000Z',
  version: 9,
  chain: {
    headSeq: 8,
    headHash: 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f',
  },
};

/** Every name, title, place and reason of `signatory`, as the record must show it. */
export function textsOf(signatory: Signatory): string[] {
  return [
    signatory.party,
    signatory.partyName,
    signatory.signedBy?.name ?? signatory.representative?.name,
    signatory.signedBy?.title ?? signatory.representative?.title,
    signatory.place,
    signatory.reason,
  ].filter((text): text is string => text !== undefined);
}

const GIVEN = [
  'Ərəstun',
  'Gülnarə',
  'İsmayıl',
  'Nurlan',
  'Айгүл',
  'Өмірзақ',
  'Ұлжан',
  'Бакыт',
] as const;
const FAMILY = [
  'Məmmədov',
  'Şıxəliyeva',
  'Oʻrinboyev',
  'Тоқаева',
  'Сәрсенбаев',
  'Жапаров',
] as const;
const STATUSES = [
  'signed',
  'signed',
  'signed',
  'pending',
  'declined',
  'signed',
  'withdrawn',
] as const;

/** Signatory `index` of a large agreement: a deterministic mix of scripts and states. */
function syntheticSignatory(index: number): Signatory {
  const status = STATUSES[index % STATUSES.length] ?? 'signed';
  const code = `P${String(index).padStart(3, '0')}`;
  const person = {
    name: `${GIVEN[index % GIVEN.length]} ${FAMILY[index % FAMILY.length]}`,
    title: index % 5 === 0 ? 'Полномочный представитель по вопросам цифровой экономики' : 'Nazir',
  };
  const signedAt = new Date(Date.UTC(2022, 6, 26, 9, index % 60)).toISOString();
  const wasSigned = status === 'signed' || status === 'withdrawn';
  return {
    party: code,
    partyName:
      index % 3 === 0 ? `Делегация № ${index} Содружества` : `Delegation ${index} of the Union`,
    status,
    representative: person,
    ...(wasSigned ? { signedBy: person, signedAt, place: 'Чолпон-Ата' } : {}),
    ...(status === 'declined' || status === 'withdrawn' ? { reason: `Reason ${index}` } : {}),
    updatedAt: signedAt,
  };
}

/** An agreement with `count` signatories, for pagination and size. */
export function largeAgreement(count: number): Agreement {
  const many = Array.from({ length: count }, (_, index) => syntheticSignatory(index));
  return {
    ...agreement,
    id: `agr-large-${count}`,
    signatories: many,
    progress: { signed: many.filter((s) => s.status === 'signed').length, total: count },
  };
}

export const ceremony: Ceremony = {
  id: CEREMONY_ID,
  conferenceId: conference.id,
  title: 'Signing ceremony of the XXIV Summit',
  place: 'Чолпон-Ата, Рух Ордо',
  scheduledAt: '2022-07-26T09:00:00.000Z',
  agreementIds: [agreement.id, 'agr-second'],
  createdAt: '2022-07-20T06:00:00.000Z',
  version: 1,
};

export const secondAgreement: Agreement = {
  ...agreement,
  id: 'agr-second',
  title: 'Agreement on the Recognition of Electronic Signatures',
  kind: 'agreement',
  entryIntoForce: { rule: 'all' },
  inForce: false,
  inForceAt: undefined,
  signatories: signatories.slice(0, 3),
  progress: { signed: 2, total: 3 },
  updatedAt: '2022-07-26T09:42:00.000Z',
  chain: { headSeq: 5, headHash: 'aa'.repeat(32) },
};
