/**
 * Words and numbers as the summaries print them. Month names and offsets are
 * built here rather than taken from Intl's locale data, whose wording changes
 * between ICU versions (en-GB "Sep" became "Sept"): a re-rendered record must
 * read, and hash, the same.
 */
import { isCalendarDate } from '../domain/calendar-date.js';
import { isInstantRule } from '../domain/standing.js';
import { wallClock } from '../domain/time.js';
import type {
  Agreement,
  AgreementStatus,
  EntryIntoForceRule,
  SignatoryStatus,
} from '../domain/types.js';
import { entryIntoForceInWords } from './entry-into-force-words.js';

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/**
 * Text as it can be drawn and measured: NFC (one glyph per letter in DejaVu),
 * whitespace runs collapsed to one space, and no default-ignorable
 * characters (a soft hyphen would be drawn as a space) but those a name
 * needs, which DejaVu draws with no width: the zero-width non-joiner and
 * joiner (Persian "علی‌اکبر" is two words of one name, its ی unjoined) and
 * the variation selectors 1–16.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(?!\u200C|\u200D|[\uFE00-\uFE0F])\p{Default_Ignorable_Code_Point}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The paragraphs of a text that may hold line feeds (a reason), each cleaned; no empty one. */
export function cleanParagraphs(text: string): string[] {
  return text
    .split('\n')
    .map(cleanText)
    .filter((paragraph) => paragraph !== '');
}

/** A venue-local moment, split so a table cell can put the offset on its own line. */
export interface LocalTime {
  /** `26 Jul 2022, 15:30` */
  readonly dateTime: string;
  /** `(UTC+06:00)` */
  readonly offset: string;
}

const pad2 = (value: number) => String(value).padStart(2, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const magnitude = Math.abs(minutes);
  return `(UTC${sign}${pad2(Math.floor(magnitude / 60))}:${pad2(magnitude % 60)})`;
}

/**
 * `instant` (RFC 3339) on the wall clock of `timeZone` (IANA), with the
 * offset in force there at that moment.
 */
export function localTime(instant: string, timeZone: string): LocalTime {
  const { year, month, day, hour, minute, offsetMinutes } = wallClock(new Date(instant), timeZone);
  return {
    dateTime: `${day} ${MONTHS[month - 1]} ${year}, ${pad2(hour)}:${pad2(minute)}`,
    offset: formatOffset(offsetMinutes),
  };
}

/** `26 Jul 2022, 15:30 (UTC+06:00)` */
export function formatLocalTime(instant: string, timeZone: string): string {
  const { dateTime, offset } = localTime(instant, timeZone);
  return `${dateTime} ${offset}`;
}

function calendarDate(date: string): { day: number; month: string; year: number } {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return { day, month: MONTHS[month - 1] ?? '', year };
}

/** A calendar date (`YYYY-MM-DD`, no zone): `1 Mar 2027`, as instants read beside it. */
export function formatCalendarDate(date: string): string {
  const { day, month, year } = calendarDate(date);
  return `${day} ${month} ${year}`;
}

/**
 * Conference dates (`YYYY-MM-DD`, calendar dates at the venue, so no time
 * zone arithmetic): `26–27 Jul 2022`, `30 Sep – 2 Oct 2022`, `26 Jul 2022`.
 */
export function formatDateRange(startDate: string, endDate?: string): string {
  const start = calendarDate(startDate);
  if (!endDate || endDate === startDate) return formatCalendarDate(startDate);
  const end = calendarDate(endDate);
  if (start.year !== end.year) {
    return `${start.day} ${start.month} ${start.year} – ${end.day} ${end.month} ${end.year}`;
  }
  if (start.month !== end.month) {
    return `${start.day} ${start.month} – ${end.day} ${end.month} ${end.year}`;
  }
  return `${start.day}–${end.day} ${end.month} ${end.year}`;
}

export const SIGNATORY_STATUS_LABELS: Readonly<Record<SignatoryStatus, string>> = {
  pending: 'Pending',
  signed: 'Signed',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export const AGREEMENT_STATUS_LABELS: Readonly<Record<AgreementStatus, string>> = {
  draft: 'Draft, not yet open for signature',
  open: 'Open for signature',
  closed: 'Closed for signature',
};

/** `4 of 5 signed`, plus declined and withdrawn counts when there are any. */
export function formatProgress(agreement: Pick<Agreement, 'progress' | 'signatories'>): string {
  const { signed, total } = agreement.progress;
  const others = (['declined', 'withdrawn'] as const)
    .map((status) => ({
      status,
      n: agreement.signatories.filter((s) => s.status === status).length,
    }))
    .filter(({ n }) => n > 0)
    .map(({ status, n }) => `${n} ${status}`);
  const progress = `${signed} of ${total} signed`;
  return others.length > 0 ? `${progress} (${others.join(', ')})` : progress;
}

/** `1 signature`, `4 signatures`. */
export const counted = (n: number, singular: string, plural: string) =>
  `${n} ${n === 1 ? singular : plural}`;

export function formatEntryIntoForceRule(rule: EntryIntoForceRule, total: number): string {
  if (!isInstantRule(rule)) return entryIntoForceInWords(rule, total);
  const signatories = counted(total, 'signatory', 'signatories');
  return rule.rule === 'all'
    ? `Upon signature by all ${signatories}`
    : `Upon signature by ${rule.count} of the ${signatories}`;
}

export function formatInForce(agreement: Agreement, timeZone: string): string {
  // A dated rule's entry into force is a calendar date, possibly ahead.
  if (agreement.inForceAt && isCalendarDate(agreement.inForceAt))
    return agreement.inForce
      ? `In force since ${formatCalendarDate(agreement.inForceAt)}`
      : `Enters into force on ${formatCalendarDate(agreement.inForceAt)}`;
  if (!agreement.inForce) return 'Not yet in force';
  return agreement.inForceAt
    ? `In force since ${formatLocalTime(agreement.inForceAt, timeZone)}`
    : 'In force';
}

/** `protocol` → `Protocol`: kinds are stored as lower-case words. */
export function formatKind(kind: string): string {
  const [first = '', ...rest] = cleanText(kind);
  return first.toLocaleUpperCase('en') + rest.join('');
}
