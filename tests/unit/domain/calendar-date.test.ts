import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  addMonths,
  afterPeriod,
  type CalendarDate,
  dateInZone,
  dayNumber,
  daysInMonth,
  firstDayOfNextMonth,
  isCalendarDate,
  isLeapYear,
  noonInZone,
} from '../../../shared/domain/calendar-date.js';
import { wallClock } from '../../../shared/domain/time.js';

/** Whether some instant falls on `date` in `zone` (offsets lie within −12 h and +14 h). */
function existsIn(date: string, zone: string): boolean {
  const start = Date.parse(`${date}T00:00:00Z`) - 14 * 3_600_000;
  for (let hour = 0; hour <= 38; hour++) {
    if (dateInZone(new Date(start + hour * 3_600_000).toISOString(), zone) === date) return true;
  }
  return false;
}

const dates = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2199-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10) as CalendarDate);

describe('calendar dates', () => {
  test('worked cases: month ends, leap years, the first day of the following month', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2023-10-31', -1)).toBe('2023-09-30');
    expect(addMonths('2023-11-15', 3)).toBe('2024-02-15');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(firstDayOfNextMonth('2023-12-05')).toBe('2024-01-01');
    expect(afterPeriod('2023-03-15', { months: 3, snap: 'first-day-of-next-month' })).toBe(
      '2023-07-01',
    );
    expect(afterPeriod('2023-03-15', { months: 3 })).toBe('2023-06-15');
    expect(afterPeriod('2023-03-15', { days: 30 })).toBe('2023-04-14');
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });

  test('addDays is exact day arithmetic and invertible', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        const moved = addDays(date, days);
        expect(isCalendarDate(moved)).toBe(true);
        expect(dayNumber(moved) - dayNumber(date)).toBe(days);
        expect(addDays(moved, -days)).toBe(date);
      }),
    );
  });

  test('addMonths lands in the right month, on the same day or the month’s last', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -600, max: 600 }), (date, months) => {
        const moved = addMonths(date, months);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const [y2, m2, d2] = moved.split('-').map(Number) as [number, number, number];
        expect(y2 * 12 + m2 - (y * 12 + m)).toBe(months);
        expect(d2).toBe(Math.min(d, daysInMonth(y2, m2)));
      }),
    );
  });

  test('the first day of the next month is a 1st, after the date, within 31 days', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const first = firstDayOfNextMonth(date);
        expect(first.endsWith('-01')).toBe(true);
        const gap = dayNumber(first) - dayNumber(date);
        expect(gap).toBeGreaterThanOrEqual(1);
        expect(gap).toBeLessThanOrEqual(31);
      }),
    );
  });

  test('a snapped period never ends before the plain one, and ends on a 1st', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 24 }), (date, months) => {
        const plain = afterPeriod(date, { months });
        const snapped = afterPeriod(date, { months, snap: 'first-day-of-next-month' });
        expect(snapped > plain).toBe(true);
        expect(snapped.endsWith('-01')).toBe(true);
      }),
    );
  });

  test('instants become dates in the depositary’s zone; noon of a date falls on that date', () => {
    expect(dateInZone('2022-07-26T20:30:00Z', 'Asia/Bishkek')).toBe('2022-07-27');
    expect(dateInZone('2022-07-26T20:30:00Z', 'UTC')).toBe('2022-07-26');
    expect(dateInZone('2022-07-26T03:00:00Z', 'America/New_York')).toBe('2022-07-25');
    expect(noonInZone('2022-07-26', 'Asia/Bishkek')).toBe('2022-07-26T06:00:00.000Z');
    expect(noonInZone('2023-03-26', 'Europe/Paris')).toBe('2023-03-26T10:00:00.000Z');
    const zones = fc.constantFrom(
      'UTC',
      'Asia/Bishkek',
      'Europe/Paris',
      'America/New_York',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
    );
    fc.assert(
      fc.property(dates, zones, (date, zone) => {
        fc.pre(existsIn(date, zone));
        expect(dateInZone(noonInZone(date, zone), zone)).toBe(date);
      }),
    );
  });

  // Kiribati moved across the date line: 31 December 1994 never happened on Kiritimati.
  test('a day a zone skipped has no noon there: noon at the new offset, which falls on the day before', () => {
    expect(existsIn('1994-12-31', 'Pacific/Kiritimati')).toBe(false);
    expect(noonInZone('1994-12-31', 'Pacific/Kiritimati')).toBe('1994-12-30T22:00:00.000Z');
    expect(dateInZone(noonInZone('1994-12-31', 'Pacific/Kiritimati'), 'Pacific/Kiritimati')).toBe(
      '1994-12-30',
    );
  });
});

describe('the wall clock of UTC', () => {
  test('property: read from the instant itself, it is what ICU gives for Etc/UTC', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('2999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          expect(wallClock(instant, 'UTC')).toEqual(wallClock(instant, 'Etc/UTC'));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
