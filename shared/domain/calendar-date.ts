/**
 * Calendar dates (`YYYY-MM-DD`) as treaties count them: proleptic Gregorian,
 * no time of day, no time zone of their own. Acts are dated in the
 * depositary's calendar; this module is the only place that does arithmetic
 * on such dates or turns an instant into one.
 */

import { wallClock } from './time.js';

export type CalendarDate = string;

export type Period =
  | { readonly days: number }
  | {
      readonly months: number;
      /** `first-day-of-next-month`: "on the first day of the month following the expiration of …". */
      readonly snap?: 'same-day' | 'first-day-of-next-month';
    };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function partsOf(date: CalendarDate): Parts {
  const match = DATE_PATTERN.exec(date);
  const parts = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (
    !parts ||
    parts.month < 1 ||
    parts.month > 12 ||
    parts.day < 1 ||
    parts.day > daysInMonth(parts.year, parts.month)
  ) {
    throw new RangeError(`${date} is not a calendar date (YYYY-MM-DD)`);
  }
  return parts;
}

function format({ year, month, day }: Parts): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isCalendarDate(value: string): boolean {
  try {
    partsOf(value);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 (negative before). */
export function dayNumber(date: CalendarDate): number {
  const { year, month, day } = partsOf(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date((dayNumber(date) + days) * 86_400_000);
  return format({
    year: moved.getUTCFullYear(),
    month: moved.getUTCMonth() + 1,
    day: moved.getUTCDate(),
  });
}

/** Same day `months` later; a day the target month lacks clamps to its last (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = partsOf(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

export function firstDayOfNextMonth(date: CalendarDate): CalendarDate {
  const { year, month } = partsOf(date);
  return month === 12
    ? format({ year: year + 1, month: 1, day: 1 })
    : format({ year, month: month + 1, day: 1 });
}

/**
 * The date a period after `date` ends: `{ days: 30 }` is the 30th day after;
 * `{ months: 3, snap: 'first-day-of-next-month' }` is the first day of the
 * month following the expiration of three months (Council of Europe formula).
 */
export function afterPeriod(date: CalendarDate, period: Period): CalendarDate {
  if ('days' in period) return addDays(date, period.days);
  const expiry = addMonths(date, period.months);
  return period.snap === 'first-day-of-next-month' ? firstDayOfNextMonth(expiry) : expiry;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const laterDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a < b ? b : a);

/** The calendar date an instant falls on in an IANA time zone. */
export function dateInZone(instant: string | Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallClock(
    typeof instant === 'string' ? new Date(instant) : instant,
    timeZone,
  );
  const pad = (value: number, digits: number) => String(value).padStart(digits, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Noon of `date` in `timeZone`, as a UTC instant (the default time of a
 * signature dated by day). A day the zone skipped (Kiritimati's 31 December
 * 1994) has no noon: the result is noon at the new offset, on the day before.
 */
export function noonInZone(date: CalendarDate, timeZone: string): string {
  const noonUtc = new Date((dayNumber(date) * 86_400 + 12 * 3_600) * 1000);
  return new Date(
    noonUtc.getTime() - wallClock(noonUtc, timeZone).offsetMinutes * 60_000,
  ).toISOString();
}
