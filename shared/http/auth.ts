import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';
import { type Actor, PARTY_CODE, ROLES, type Role } from '../domain/types.js';

/**
 * From verified JWT claims (as the HTTP API JWT authorizer delivers them in
 * `requestContext.authorizer.jwt.claims`) to the actor of a request.
 */

export type Claims = Readonly<
  Record<string, string | number | boolean | readonly string[] | undefined>
>;

/**
 * `cognito:groups` arrives as a JSON array from a decoded token, but API
 * Gateway flattens array claims into the string `"[a b]"`; accept both,
 * and a plain comma- or space-separated string.
 */
export function parseGroups(claim: Claims[string]): string[] {
  if (claim === undefined) return [];
  if (Array.isArray(claim)) return claim.map(String);
  const text = String(claim).trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1);
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // Not JSON: API Gateway's "[a b]" form.
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return text.split(/[\s,]+/).filter(Boolean);
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
  const roles = ROLES.filter((role) => groups.includes(role));
  if (roles.length === 0) throw new ForbiddenError('The token carries no role of this service.');
  const role = allowed.find((candidate) => roles.includes(candidate));
  if (!role) throw new ForbiddenError(`The ${roles.join('/')} role may not do this.`);
  if (role !== 'member') return { sub, role };
  const party = claims['custom:party'];
  if (typeof party !== 'string' || !PARTY_CODE.test(party)) {
    throw new ForbiddenError('A member token must name the party it represents (custom:party).');
  }
  return { sub, role, party };
}
