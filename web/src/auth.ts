import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { Role } from '../../shared/domain/types.js';
import { parseGroups } from '../../shared/http/auth.js';
import type { PortalConfig } from './config.js';

/**
 * Signing in with OpenID Connect, authorization code + PKCE (oidc-client-ts):
 * Cognito managed login in AWS, the local sign-in page on a workstation.
 * The API accepts the ID token (it carries the groups and the party).
 */

export interface Session {
  readonly idToken: string;
  readonly sub: string;
  readonly role: Role;
  /** The party a member represents. */
  readonly party?: string;
  readonly name?: string;
}

/** A user in several groups acts with the widest role, as in the Cognito group precedence. */
const ROLE_PRECEDENCE: readonly Role[] = ['secretariat', 'auditor', 'member'];

export function sessionOf(user: User | null): Session | undefined {
  if (!user || user.expired || !user.id_token) return undefined;
  const groups = parseGroups(user.profile['cognito:groups'] as string | string[] | undefined);
  const role = ROLE_PRECEDENCE.find((candidate) => groups.includes(candidate));
  if (!role) return undefined;
  const party = user.profile['custom:party'];
  // The API refuses a member token without its party; so does the portal.
  if (role === 'member' && typeof party !== 'string') return undefined;
  const name = user.profile.name ?? user.profile.email;
  return {
    idToken: user.id_token,
    sub: user.profile.sub,
    role,
    ...(typeof party === 'string' && { party }),
    ...(name && { name }),
  };
}

export function createUserManager(config: PortalConfig): UserManager {
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    post_logout_redirect_uri: config.postLogoutRedirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    // Renewed with the refresh token before the ID token expires.
    automaticSilentRenew: true,
    loadUserInfo: false,
    // A session per tab: closing the tab signs out of the portal (not of the authority).
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    ...(config.endSessionEndpoint && {
      metadataSeed: { end_session_endpoint: config.endSessionEndpoint },
    }),
  });
}

/** After the authority redirected back with `?code=…&state=…`: finish signing in. */
export async function completeSignIn(manager: UserManager): Promise<void> {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('code') && !url.searchParams.has('error')) return;
  const user = await manager.signinRedirectCallback(url.toString());
  const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo ?? '#/';
  window.history.replaceState(null, '', `${url.pathname}${returnTo}`);
}

export function signIn(manager: UserManager): Promise<void> {
  return manager.signinRedirect({ state: { returnTo: window.location.hash || '#/' } });
}

export function signOut(manager: UserManager, config: PortalConfig): Promise<void> {
  return manager.signoutRedirect({
    extraQueryParams: { logout_uri: config.postLogoutRedirectUri },
  });
}
