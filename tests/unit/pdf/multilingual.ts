import type { Agreement, Signatory } from '../../../shared/domain/types.js';
import { agreement } from './fixtures.js';

/**
 * Names as member states and observers write them, one script each, with
 * what breaks naive rendering: Arabic letters that join and the lam-alef
 * ligature (الإمارات), Persian with zero-width non-joiners, Hebrew,
 * ideographs from several Noto range files,
 * Latin letters that share glyphs with Cyrillic ones in DejaVu (x/х, e/е).
 */
export const MULTILINGUAL_NAMES = {
  cyrillic: ['Қасым-Жомарт Тоқаев', 'Правительство Кыргызской Республики', 'подпись хан'],
  latinExtended: ['İlham Əliyev', 'Nağıyev Şəhriyar', 'Oʻzbekiston Exchange Annexes'],
  greek: ['Κυριάκος Μητσοτάκης', 'Ελληνική Δημοκρατία'],
  arabic: ['محمد بن سلمان آل سعود', 'دولة الإمارات العربية المتحدة', 'لا إله'],
  // Persian with zero-width non-joiners: "علی‌اکبر" is one name whose ی does not join its ا.
  persian: ['علی‌اکبر ولایتی', 'جمهوری اسلامی ایران', 'نامه‌های بین‌المللی‌ها'],
  hebrew: ['יצחק הרצוג', 'מדינת ישראל'],
  chinese: ['习近平', '中华人民共和国外交部', '上海合作组织秘书处'],
} as const;

export const ALL_NAMES: readonly string[] = Object.values(MULTILINGUAL_NAMES).flat();

/** An agreement whose every party, signer and capacity is one of `names`, in turn. */
export function agreementWithNames(names: readonly string[], id = 'agr-multilingual'): Agreement {
  const pick = (i: number) => names[i % names.length] ?? '';
  const signatories: Signatory[] = names.map((name, i) => ({
    party: `P${String(i).padStart(2, '0')}`,
    partyName: name,
    status: 'signed',
    signedBy: { name: pick(i + 1), title: pick(i + 2) },
    signedAt: '2022-07-26T09:30:00.000Z',
    place: pick(i + 3),
    updatedAt: '2022-07-26T09:30:00.000Z',
  }));
  return {
    ...agreement,
    id,
    title: `Agreement of ${pick(0)}`,
    signatories,
    progress: { signed: signatories.length, total: signatories.length },
  };
}
