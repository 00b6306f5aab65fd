import { createHash } from 'node:crypto';
import {
  SUMMIT_REPRESENTATIVES as REPRESENTATIVES,
  SUMMIT_PARTIES as TURKIC_PARTIES,
} from '../../shared/contract/summit.js';
import type {
  Agreement,
  Conference,
  Signatory,
  SignatoryStatus,
} from '../../shared/domain/types.js';

/**
 * Synthetic but realistic content for the benchmarks: parties, signers and
 * places in Azerbaijani, Turkish, Kazakh, Kyrgyz and Uzbek, alternating
 * Latin and Cyrillic, with a deterministic mix of statuses. The first five
 * parties are the Turkic states of the test fixtures.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Regional delegations (Latin, Cyrillic, Latin, …) that extend the five states. */
const REGIONS = [
  'Gəncə',
  'Алматы облысы',
  'İzmir',
  'Ош облусу',
  'Samarqand viloyati',
  'Naxçıvan',
  'Шымкент қаласы',
  'Kayseri',
  'Ысык-Көл облусу',
  'Buxoro viloyati',
  'Şəki',
  'Қарағанды облысы',
  'Trabzon',
  'Нарын облусу',
  'Xorazm viloyati',
] as const;

const SIGNERS = [
  { name: 'Ceyhun Bayramov', title: 'Xarici İşlər Naziri' },
  { name: 'Мұрат Нұртілеу', title: 'Сыртқы істер министрінің орынбасары' },
  { name: 'Hakan Fidan', title: 'Dışişleri Bakanı' },
  { name: 'Жээнбек Кулубаев', title: 'Тышкы иштер министри' },
  { name: 'Bakhtiyor Saidov', title: 'Tashqi ishlar vaziri' },
  { name: 'Gülşən Məmmədova', title: 'Səfir' },
  { name: 'Айгерім Сейітқали', title: 'Төтенше және өкілетті елші' },
  { name: 'Zeynep Çelik', title: 'Büyükelçi' },
  { name: 'Айжан Жумабекова', title: 'Элчи' },
  { name: 'Dilnoza Karimova', title: 'Oʻzbekiston elchisi' },
] as const;

const PLACES = ['Чолпон-Ата', 'Şuşa', 'Астана', 'İstanbul', 'Samarqand'] as const;

export const BENCH_TIME_ZONE = 'Asia/Bishkek';

export interface BenchParty {
  readonly code: string;
  readonly name: string;
}

/** `n` parties: the five Turkic states, then their regions (`AZE1`, `KAZ1`, …). */
export function benchParties(n: number): BenchParty[] {
  return Array.from({ length: n }, (_, index) => {
    const state = TURKIC_PARTIES[index % TURKIC_PARTIES.length]!;
    const round = Math.floor(index / TURKIC_PARTIES.length);
    if (round === 0) return { code: state.code, name: state.name };
    const region = REGIONS[(index + round) % REGIONS.length]!;
    return { code: `${state.code}${round}`, name: `${state.name} — ${region}` };
  });
}

/** Who signs for party number `index`: the fixtures' heads of state, then ministers and envoys. */
export function benchSigner(index: number): { name: string; title: string } {
  const state = TURKIC_PARTIES[index % TURKIC_PARTIES.length]!;
  if (index < TURKIC_PARTIES.length) return REPRESENTATIVES[state.code]!;
  return SIGNERS[index % SIGNERS.length]!;
}

export const benchPlace = (index: number) => PLACES[index % PLACES.length]!;

/** 60 % signed, 20 % pending, 10 % declined, 10 % withdrawn, interleaved. */
export function benchStatus(index: number): SignatoryStatus {
  const slot = index % 10;
  if (slot < 6) return 'signed';
  if (slot < 8) return 'pending';
  return slot === 8 ? 'declined' : 'withdrawn';
}

const BASE_TIME = Date.parse('2022-07-26T09:00:00.000Z');
const at = (minutes: number) => new Date(BASE_TIME + minutes * 60_000).toISOString();

export function benchConference(parties: readonly BenchParty[]): Conference {
  return {
    id: '01GBENCHCONF000000000000000',
    name: 'XXIV Zirvə — Türk Dövlətləri Təşkilatı / Түрк мамлекеттеринин уюму',
    venue: { city: 'Чолпон-Ата', country: 'Кыргызстан' },
    timeZone: BENCH_TIME_ZONE,
    startDate: '2022-07-26',
    endDate: '2022-07-27',
    parties,
    createdAt: at(-600),
    version: 1,
  };
}

function signatoryOf(party: BenchParty, index: number): Signatory {
  const status = benchStatus(index);
  const updatedAt = at(index);
  const base = { party: party.code, partyName: party.name, updatedAt };
  switch (status) {
    case 'pending':
      return index % 4 === 0
        ? { ...base, status, representative: benchSigner(index) }
        : { ...base, status };
    case 'declined':
      return { ...base, status, reason: 'Ratification by the Jogorku Kenesh is pending' };
    case 'signed':
    case 'withdrawn':
      return {
        ...base,
        status,
        signedBy: benchSigner(index),
        signedAt: at(index - 1),
        place: benchPlace(index),
        ceremonyId: '01GBENCHCER0000000000000000',
        ...(status === 'withdrawn' && {
          reason: 'Bu imza hökumətin qərarı ilə geri götürülür',
        }),
      };
  }
}

/** The agreement summary model of the project's renderer, `n` signatories. */
export function benchAgreementModel(n: number): { agreement: Agreement; conference: Conference } {
  const parties = benchParties(n);
  const conference = benchConference(parties);
  const signatories = parties.map(signatoryOf);
  const signed = signatories.filter((s) => s.status === 'signed').length;
  const count = Math.max(1, Math.ceil((n * 2) / 3));
  const inForce = signed >= count;
  const agreement: Agreement = {
    id: `01GBENCHAGR${String(n).padStart(15, '0')}`,
    conferenceId: conference.id,
    title: 'Protocol of Intent on Digital Cooperation / Сандық ынтымақтастық туралы хаттама',
    kind: 'protocol',
    documentSha256: sha256(`bench agreement ${n}`),
    status: 'open',
    entryIntoForce: { rule: 'count', count },
    signatories,
    progress: { signed, total: n },
    inForce,
    ...(inForce && { inForceAt: at(n) }),
    createdAt: at(-60),
    updatedAt: at(n),
    version: n + 2,
    chain: { headSeq: n + 2, headHash: sha256(`bench chain ${n}`) },
  };
  return { agreement, conference };
}
