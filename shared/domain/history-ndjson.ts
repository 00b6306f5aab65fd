import type { AuditEvent } from './types.js';

/**
 * An agreement's history as NDJSON: one event per line, exactly as stored
 * (the hash covers the event without `hash`), so that every line can be
 * re-hashed. The history export and the file attached to a sealed summary
 * are both this.
 */
export function toNdjson(events: readonly AuditEvent[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}
