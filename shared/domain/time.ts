import type { FieldIssue } from './errors.js';
import { IANA_TIME_ZONES } from './iana-time-zones.js';

/**
 * RFC 3339 timestamps in UTC, as stored and returned: always
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, so that they also sort as strings (the audit index relies on it).
 */
export function toUtcTimestamp(value: string | Date): string {
  return (typeof value === 'string' ? new Date(value) : value).toISOString();
}

/** Whether instant `a` lies after instant `b`. */
export function isAfter(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

/**
 * The earliest day the register accepts (contract 1.1). Nothing it records
 * happened before; an earlier date is a typing error (year 1 for 2001), and
 * UTC offsets before 1900 are the local mean times of the tz database
 * (`UTC+04:39:24` in Baku), which no document of the period shows.
 */
export const EARLIEST_DATE = '1900-01-01';

/**
 * The issue with a date (`YYYY-MM-DD`) or an instant (RFC 3339, judged by
 * its UTC day) that lies before {@link EARLIEST_DATE}, if it does.
 */
export function earliestDateIssue(path: string, value: string): FieldIssue | undefined {
  const day = value.length === 10 ? value : toUtcTimestamp(value).slice(0, 10);
  return day < EARLIEST_DATE
    ? { path, message: `must not lie before ${EARLIEST_DATE}` }
    : undefined;
}

let bySpelling: ReadonlyMap<string, string> | undefined;

/**
 * A time zone name in its IANA spelling (`asia/baku` → `Asia/Baku`), or
 * undefined when it is no IANA area/location name (or `UTC`) that the
 * runtime can render. Links keep their own name (`Asia/Calcutta` stays), so
 * what a secretariat chose is what the PDFs show, on any Node.js version.
 */
export function canonicalTimeZone(name: string): string | undefined {
  bySpelling ??= new Map(IANA_TIME_ZONES.map((zone) => [zone.toLowerCase(), zone]));
  const zone = bySpelling.get(name.toLowerCase());
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** A moment on the wall clock of a time zone, and that zone's offset from UTC then. */
export interface WallClock {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Minutes east of UTC (Asia/Bishkek: +360). */
  readonly offsetMinutes: number;
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat is far slower than using one; tables ask per row. */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** `instant` on the wall clock of `timeZone` (IANA), with the offset in force there at that moment. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  // UTC, the default depositary zone, needs no time zone data: the first Intl formatter
  // with a zone costs a cold process about 15 ms of ICU loading (measured in a write).
  if (timeZone === 'UTC') {
    return {
      year: instant.getUTCFullYear(),
      month: instant.getUTCMonth() + 1,
      day: instant.getUTCDate(),
      hour: instant.getUTCHours(),
      minute: instant.getUTCMinutes(),
      second: instant.getUTCSeconds(),
      offsetMinutes: 0,
    };
  }
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  const offsetMinutes = Math.round((wallAsUtc - wholeSeconds) / 60_000);
  return { year, month, day, hour, minute, second, offsetMinutes };
}
