import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';
import type { Actor, Role } from '../domain/types.js';

/**
 * From verified JWT claims (as the HTTP API JWT authorizer delivers them in
 * `requestContext.authorizer.jwt.claims`) to the actor of a request.
 */

export type Claims = Readonly<
  Record<string, string | number | boolean | readonly string[] | undefined>
>;

const knownRoles: readonly Role[] = ['secretariat', 'member', 'auditor'];
const partyCode = /^[A-Z][A-Z0-9-]{1,15}$/;

/**
 * `cognito:groups` exactly as delivered: a JSON array from a decoded token, or
 * API Gateway's flattening of an array claim into the string `"[a b]"`.
 * Names are separated by whitespace only, which Cognito group names cannot
 * contain. Commas are part of a name (Cognito allows them), so a group
 * called `member,secretariat` is never two roles.
 */
export function parseGroups(claim: Claims[string]): string[] {
  if (claim === undefined) return [];
  if (Array.isArray(claim)) return claim.map(String);
  const text = String(claim).trim();
  if (!(text.startsWith('[') && text.endsWith(']'))) return text.split(/\s+/).filter(Boolean);
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((name) => typeof name === 'string')) return parsed;
  } catch {
    // Not JSON: API Gateway's "[a b]" form.
  }
  return text.slice(1, -1).split(/\s+/).filter(Boolean);
}

/**
 * The actor for a route open to `allowed` roles. A caller in several groups
 * acts in the first allowed role, in the route's order.
 */
export function actorFromClaims(claims: Claims | undefined, allowed: readonly Role[]): Actor {
  const sub = claims?.sub;
  if (!claims || typeof sub !== 'string' || sub.length === 0) {
    throw new UnauthenticatedError('A valid bearer token is required.');
  }
  // API Gateway's JWT authorizer accepts Cognito access tokens of the same client too;
  // only ID tokens carry the member's party, so only they are accepted.
  if (claims.token_use !== 'id')
    throw new UnauthenticatedError('Send the Cognito ID token, not an access token.');
  const groups = parseGroups(claims['cognito:groups']);
  const roles = knownRoles.filter((role) => groups.includes(role));
  if (roles.length === 0) throw new ForbiddenError('The token carries no role of this service.');
  const role = allowed.find((candidate) => roles.includes(candidate));
  if (!role) throw new ForbiddenError(`The ${roles.join('/')} role may not do this.`);
  if (role !== 'member') return { sub, role };
  const party = claims['custom:party'];
  if (typeof party !== 'string' || !partyCode.test(party)) {
    throw new ForbiddenError('A member token must name the party it represents (custom:party).');
  }
  return { sub, role, party };
}
