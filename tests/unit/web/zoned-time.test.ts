import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  formatDate,
  formatInstant,
  formatOffset,
  offsetMinutesAt,
  wallClockAt,
  wallClockToRfc3339,
} from '../../../web/src/lib/zoned-time.js';

const ZONES = [
  'Asia/Bishkek',
  'Asia/Baku',
  'Europe/Istanbul',
  'Europe/Berlin',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'UTC',
];

describe('venue time', () => {
  test('offsets, including half and three-quarter hours and DST', () => {
    expect(offsetMinutesAt(new Date('2022-07-26T09:30:00Z'), 'Asia/Bishkek')).toBe(360);
    expect(offsetMinutesAt(new Date('2022-07-26T09:30:00Z'), 'America/St_Johns')).toBe(-150);
    expect(offsetMinutesAt(new Date('2022-07-26T09:30:00Z'), 'Asia/Kathmandu')).toBe(345);
    expect(offsetMinutesAt(new Date('2022-01-10T12:00:00Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutesAt(new Date('2022-07-10T12:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(offsetMinutesAt(new Date('2022-07-10T12:00:00Z'), 'UTC')).toBe(0);
    expect([formatOffset(360), formatOffset(-150), formatOffset(0)]).toEqual([
      '+06:00',
      '-02:30',
      '+00:00',
    ]);
  });

  test('a hall clock reading becomes RFC 3339 with the venue offset', () => {
    expect(wallClockAt(new Date('2022-07-26T09:30:00Z'), 'Asia/Bishkek')).toBe('2022-07-26T15:30');
    expect(wallClockToRfc3339('2022-07-26T15:30', 'Asia/Bishkek')).toBe(
      '2022-07-26T15:30:00+06:00',
    );
    // Berlin, spring forward (02:00 → 03:00): 02:30 does not exist, read after the jump.
    expect(wallClockToRfc3339('2022-03-27T02:30', 'Europe/Berlin')).toBe(
      '2022-03-27T02:30:00+01:00',
    );
    // Berlin, fall back (03:00 → 02:00): 02:30 happens twice, the first one wins.
    expect(wallClockToRfc3339('2022-10-30T02:30', 'Europe/Berlin')).toBe(
      '2022-10-30T02:30:00+02:00',
    );
    expect(() => wallClockToRfc3339('26.07.2022 15:30', 'Asia/Bishkek')).toThrow(RangeError);
  });

  test('property: what the venue clock showed at an instant reads back to that clock', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2060-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...ZONES),
        (instant, zone) => {
          const wall = wallClockAt(instant, zone);
          const rfc3339 = wallClockToRfc3339(wall, zone);
          expect(wallClockAt(new Date(rfc3339), zone)).toBe(wall);
          expect(rfc3339).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/);
        },
      ),
      { seed: 15, numRuns: 500 },
    );
  });

  test('instants are shown in the venue zone with the offset, in the reader language', () => {
    expect(formatInstant('2022-07-26T09:30:00.000Z', 'Asia/Bishkek', 'en-GB')).toBe(
      '26 Jul 2022, 15:30 GMT+06:00',
    );
    expect(formatInstant('2022-07-26T09:30:00.000Z', 'Asia/Bishkek', 'ru')).toMatch(
      /^26 июл\.? 2022( г\.)?,? 15:30 GMT\+06:00$/,
    );
  });

  test('calendar dates have no zone: the same day in every reader zone, long or short', () => {
    expect(formatDate('2023-01-10', 'en')).toBe('January 10, 2023');
    expect(formatDate('2023-01-10', 'en', 'short')).toBe('Jan 10, 2023');
    expect(formatDate('2027-03-01', 'ru', 'short')).toMatch(/^1 мар\.? 2027( г\.)?$/);
    // The first and last day of a year stay in their year whatever the process zone.
    expect(formatDate('2026-12-31', 'en', 'short')).toBe('Dec 31, 2026');
    expect(formatDate('2026-01-01', 'en', 'short')).toBe('Jan 1, 2026');
  });
});
