/**
 * Times at the venue: what the hall's clock says, as RFC 3339 with the
 * venue's UTC offset, and back. Pure functions over `Intl`, so the portal
 * shows and records times in the conference's zone whatever the browser's.
 */

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The venue's UTC offset at an instant, in minutes east of UTC. */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(instant).find((part) => part.type === 'timeZoneName');
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name?.value ?? '');
  if (!match) return 0; // "GMT": UTC itself
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** `+06:00`, `-03:30`, `+00:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** What a wall clock in `timeZone` shows at `instant`, as `YYYY-MM-DDTHH:mm` (a datetime-local value). */
export function wallClockAt(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + offsetMinutesAt(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * The instant a wall-clock reading `YYYY-MM-DDTHH:mm` denotes in `timeZone`,
 * as RFC 3339 with that zone's offset. In a repeated hour (autumn) the
 * earlier offset wins; in a skipped hour (spring) the later one.
 */
export function wallClockToRfc3339(wallClock: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wallClock);
  if (!match) throw new RangeError(`Not a wall-clock time: ${wallClock}`);
  const [, year, month, day, hour, minute] = match.map(Number) as number[];
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  // The offsets in force around that reading (a day either side covers any transition).
  const around = [-86_400_000, 0, 86_400_000].map((shift) =>
    offsetMinutesAt(new Date(asUtc + shift), timeZone),
  );
  const consistent = around.filter(
    (offset) => offsetMinutesAt(new Date(asUtc - offset * 60_000), timeZone) === offset,
  );
  // Repeated hour: two are consistent, the larger offset is the earlier instant.
  // Skipped hour: none is; the smaller offset reads the time after the jump.
  const chosen = consistent.length ? Math.max(...consistent) : Math.min(...around);
  return `${wallClock}:00${formatOffset(chosen)}`;
}

const instantFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant as the venue saw it, with the offset: `26 Jul 2022, 15:30 GMT+06:00`. */
export function formatInstant(iso: string, timeZone: string, locale: string): string {
  const key = `${locale}|${timeZone}`;
  let formatter = instantFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    instantFormatters.set(key, formatter);
  }
  return formatter.format(new Date(iso));
}

/**
 * A calendar date (`YYYY-MM-DD`), which has no zone: `March 1, 2027` in a
 * sentence, `Mar 1, 2027` in a table column beside instants.
 */
export function formatDate(date: string, locale: string, month: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month,
    day: 'numeric',
  }).format(new Date(`${date}T00:00:00Z`));
}
