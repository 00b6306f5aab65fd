import { describe, expect, it } from 'vitest';
import {
  formatDateRange,
  formatEntryIntoForceRule,
  formatInForce,
  formatLocalTime,
  formatProgress,
} from '../../../shared/pdf/format.js';
import { agreement } from './fixtures.js';

describe('formatLocalTime', () => {
  it.each([
    ['2022-07-26T09:30:00Z', 'Asia/Bishkek', '26 Jul 2022, 15:30 (UTC+06:00)'],
    // Kazakhstan moved Almaty from +06 to +05 on 1 March 2024: the offset is the one in force then.
    ['2022-07-26T09:30:00Z', 'Asia/Almaty', '26 Jul 2022, 15:30 (UTC+06:00)'],
    ['2024-07-26T09:30:00Z', 'Asia/Almaty', '26 Jul 2024, 14:30 (UTC+05:00)'],
    ['2022-07-26T09:30:00Z', 'Asia/Kolkata', '26 Jul 2022, 15:00 (UTC+05:30)'],
    ['2022-01-05T03:05:00Z', 'America/New_York', '4 Jan 2022, 22:05 (UTC-05:00)'],
    ['2022-07-05T03:05:00Z', 'America/New_York', '4 Jul 2022, 23:05 (UTC-04:00)'],
    ['2022-09-30T23:59:59.999Z', 'UTC', '30 Sep 2022, 23:59 (UTC+00:00)'],
    ['2022-12-31T20:00:00Z', 'Asia/Tashkent', '1 Jan 2023, 01:00 (UTC+05:00)'],
  ])('%s in %s is %s', (instant, timeZone, expected) => {
    expect(formatLocalTime(instant, timeZone)).toBe(expected);
  });
});

describe('formatDateRange', () => {
  it.each([
    ['2022-07-26', undefined, '26 Jul 2022'],
    ['2022-07-26', '2022-07-26', '26 Jul 2022'],
    ['2022-07-26', '2022-07-27', '26–27 Jul 2022'],
    ['2022-09-30', '2022-10-02', '30 Sep – 2 Oct 2022'],
    ['2022-12-31', '2023-01-02', '31 Dec 2022 – 2 Jan 2023'],
  ])('%s to %s is %s', (start, end, expected) => {
    expect(formatDateRange(start, end)).toBe(expected);
  });
});

describe('agreement wording', () => {
  it('counts progress with declined and withdrawn signatories', () => {
    expect(formatProgress(agreement)).toBe('2 of 5 signed (1 declined, 1 withdrawn)');
    expect(formatProgress({ progress: { signed: 4, total: 5 }, signatories: [] })).toBe(
      '4 of 5 signed',
    );
  });

  it('states the entry-into-force rule', () => {
    expect(formatEntryIntoForceRule({ rule: 'all' }, 5)).toBe(
      'Upon signature by all 5 signatories',
    );
    expect(formatEntryIntoForceRule({ rule: 'count', count: 3 }, 5)).toBe(
      'Upon signature by 3 of the 5 signatories',
    );
  });

  it('dates a dated entry into force as instants read beside it, ahead or reached', () => {
    const dated = {
      ...agreement,
      entryIntoForce: { rule: 'count', count: 3, delay: { months: 3 } },
    } as const;
    expect(formatInForce({ ...dated, inForce: false, inForceAt: '2027-03-01' }, 'UTC')).toBe(
      'Enters into force on 1 Mar 2027',
    );
    expect(formatInForce({ ...dated, inForce: true, inForceAt: '2023-07-01' }, 'UTC')).toBe(
      'In force since 1 Jul 2023',
    );
  });
});
