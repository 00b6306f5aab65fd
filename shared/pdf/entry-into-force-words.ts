/** Entry-into-force rules and periods as treaties word them, for the PDFs. */
import type { Period } from '../domain/calendar-date.js';
import { countingOf } from '../domain/standing.js';
import type { EntryIntoForceRule } from '../domain/types.js';

const ordinal = (n: number) => {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};

function periodInWords(period: Period): string {
  if ('days' in period) return `${period.days} day${period.days === 1 ? '' : 's'} after`;
  const months = `${period.months} month${period.months === 1 ? '' : 's'}`;
  return period.snap === 'first-day-of-next-month'
    ? `the first day of the month following the expiration of ${months} after`
    : `${months} after`;
}

const COUNTED: Readonly<Record<ReturnType<typeof countingOf>, string>> = {
  signatures: 'signature',
  consents: 'instrument of consent',
  notifications: 'notification of completed domestic procedures',
};
const COUNTED_PLURAL: Readonly<Record<ReturnType<typeof countingOf>, string>> = {
  signatures: 'signatures',
  consents: 'instruments of consent',
  notifications: 'notifications of completed domestic procedures',
};

/**
 * The entry-into-force rule as a treaty would word it, e.g. "On the first
 * day of the month following the expiration of 3 months after the date of
 * the 3rd instrument of consent (at least 3 from members)".
 */
export function entryIntoForceInWords(rule: EntryIntoForceRule, total: number): string {
  const counting = countingOf(rule);
  const what =
    rule.rule === 'all'
      ? `the last of the ${total} ${total === 1 ? COUNTED[counting] : COUNTED_PLURAL[counting]}`
      : `the ${ordinal(rule.count)} ${COUNTED[counting]}`;
  const qualifier = rule.qualifier ? ` (at least ${rule.qualifier.members} from members)` : '';
  const when = rule.delay ? `On ${periodInWords(rule.delay)} the date of ${what}` : `Upon ${what}`;
  const later = rule.laterParties ?? rule.delay;
  const laterText = later
    ? `; for a party joining later, on ${periodInWords(later)} the date of its own ${COUNTED[counting]}`
    : '';
  const consent =
    counting === 'signatures'
      ? ''
      : `. Consent by ${(rule.consentMeans ?? ['ratification', 'acceptance', 'approval', 'accession', 'succession']).join(', ')}`;
  const notice = rule.denunciation ?? { months: 12 };
  return `${when}${qualifier}${laterText}${consent}. A denunciation takes effect ${periodInWords(notice)} its notification.`;
}
