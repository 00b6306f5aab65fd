import { createHash } from 'node:crypto';
import { InvalidRequestError } from '../domain/errors.js';

/**
 * The one cursor codec of every listing and query, whatever the store: an
 * opaque base64url JSON body holding a version, a digest of what the cursor
 * is bound to (a listing's partition, an audit query) and where the next
 * page starts. A cursor is accepted only by the listing or query that
 * issued it and only with a position the store can resume from; anything
 * else (garbage, another listing's cursor, a forged position) is one 400.
 */

const VERSION = 1;

/** What a cursor belongs to, in problem messages. */
export type CursorScope = 'listing' | 'query';

const digest = (binding: string) =>
  createHash('sha256').update(binding, 'utf8').digest('base64url').slice(0, 22);

export const invalidCursor = (
  scope: CursorScope,
  message = `use nextCursor from a previous page of the same ${scope}`,
) =>
  new InvalidRequestError(`The cursor is not valid for this ${scope}.`, [
    { path: 'cursor', message },
  ]);

export function encodeCursor(binding: string, position: Readonly<Record<string, unknown>>): string {
  const body = { v: VERSION, q: digest(binding), ...position };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/**
 * The position of `cursor`, provided it was issued for `binding` and
 * `isPosition` accepts it (check every field a store would pass on).
 */
export function decodeCursor<P>(
  cursor: string,
  binding: string,
  scope: CursorScope,
  isPosition: (body: Readonly<Record<string, unknown>>) => boolean,
): P {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    body = undefined;
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    (body as { v?: unknown }).v !== VERSION ||
    !isPosition(body as Record<string, unknown>)
  ) {
    throw invalidCursor(scope);
  }
  if ((body as { q?: unknown }).q !== digest(binding)) {
    throw invalidCursor(scope, `this cursor belongs to another ${scope}`);
  }
  const { v: _version, q: _binding, ...position } = body as Record<string, unknown>;
  return position as P;
}

/** A store key as a cursor carries it: exactly `attributes`, each a non-empty string. */
export function isKeyOf(
  value: unknown,
  attributes: readonly string[],
): value is Record<string, string> {
  if (typeof value !== 'object' || value === null) return false;
  const key = value as Record<string, unknown>;
  return (
    Object.keys(key).length === attributes.length &&
    attributes.every((name) => typeof key[name] === 'string' && key[name].length > 0)
  );
}
