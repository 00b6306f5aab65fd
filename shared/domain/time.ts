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
