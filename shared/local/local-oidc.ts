import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLES, type Role } from '../domain/types.js';
import { ZPartyCode } from '../schemas/requests.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalIssuer } from './local-issuer.js';

/**
 * A local OpenID Connect authority for the portal, so that on a workstation
 * the portal signs in through the same authorization-code-with-PKCE code path
 * as with Cognito managed login; only the authority differs. A developer
 * picks a role and a party on the sign-in page; the ID token is minted by the
 * local issuer (the key `npm run token` uses), so the local API accepts it.
 *
 * It exists only in the local server: nothing here is deployed.
 */

export const LOCAL_OIDC_PATH = '/local-oidc';
/** The portal's client id locally: the audience the local API checks. */
export const LOCAL_CLIENT_ID = LOCAL_AUDIENCE;

/** An authorization code is single-use and short-lived (RFC 6749 §4.1.2 recommends ≤ 10 min). */
const CODE_TTL_MS = 60_000;

interface Grant {
  readonly role: Role;
  readonly party?: string;
  readonly sub: string;
}

interface PendingCode extends Grant {
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly expiresAt: number;
}

export interface LocalOidcOptions {
  readonly issuer: LocalIssuer;
  /** Lifetime of the ID tokens it issues; short values exercise token renewal. */
  readonly tokenTtlSeconds?: number;
}

/** The portal's OIDC settings on the origin it was loaded from (served as `/config.json`). */
export function localOidcSettings(origin: string) {
  return {
    authority: `${origin}${LOCAL_OIDC_PATH}`,
    clientId: LOCAL_CLIENT_ID,
    redirectUri: `${origin}/`,
    postLogoutRedirectUri: `${origin}/`,
  };
}

/** `http://host:port` of a request to the local server, as the browser addressed it. */
export const requestOrigin = (request: IncomingMessage) =>
  `http://${request.headers.host ?? '127.0.0.1'}`;

export interface LocalOidc {
  /** Answers requests under `/local-oidc/`; false when the path is not its own. */
  handle(request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<boolean>;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

/** RFC 6749 §5.2 error response of the token endpoint. */
function tokenError(response: ServerResponse, error: string, description: string): void {
  sendJson(response, 400, { error, error_description: description });
}

function sendPage(response: ServerResponse, status: number, title: string, body: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
  });
  response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;margin:1rem 0 .25rem;font-weight:600}
select,input,button{font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px;width:100%;box-sizing:border-box}
button{margin-top:1.5rem;background:#0b4f9c;color:#fff;border-color:#0b4f9c;cursor:pointer}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.note{color:#444;font-size:.9rem}
</style></head><body>${body}</body></html>`);
}

export function createLocalOidc({ issuer, tokenTtlSeconds = 3600 }: LocalOidcOptions): LocalOidc {
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, Grant>();

  const discovery = (authority: string) => ({
    // The tokens' issuer is the local issuer's (the API checks it); endpoints live here.
    issuer: LOCAL_ISSUER,
    authorization_endpoint: `${authority}/authorize`,
    token_endpoint: `${authority}/token`,
    jwks_uri: `${authority}/jwks`,
    end_session_endpoint: `${authority}/logout`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    scopes_supported: ['openid', 'email', 'profile'],
    token_endpoint_auth_methods_supported: ['none'],
  });

  /** The checks Cognito makes before showing its sign-in page; failures never redirect. */
  function authorizeProblem(params: URLSearchParams, redirectUri: string): string | undefined {
    if (params.get('client_id') !== LOCAL_CLIENT_ID)
      return `Unknown client_id; use ${LOCAL_CLIENT_ID}.`;
    if (params.get('redirect_uri') !== redirectUri) return `redirect_uri must be ${redirectUri}.`;
    if (params.get('response_type') !== 'code') return 'Only response_type=code is supported.';
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge'))
      return 'PKCE is required: code_challenge with code_challenge_method=S256.';
    if (!params.get('scope')?.split(' ').includes('openid'))
      return 'The scope must include openid.';
    return undefined;
  }

  function signInPage(response: ServerResponse, params: URLSearchParams, error?: string): void {
    const hidden = [...params]
      .filter(([name]) => !['role', 'party'].includes(name))
      .map(
        ([name, value]) =>
          `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
      )
      .join('');
    const role = params.get('role') ?? 'secretariat';
    sendPage(
      response,
      error ? 400 : 200,
      'Local sign-in',
      `<main><h1>Local sign-in</h1>
<p class="note">Development only: this page stands in for Cognito managed login and exists only in the local server.</p>
${error ? `<p role="alert"><strong>${escapeHtml(error)}</strong></p>` : ''}
<form method="post" action="${LOCAL_OIDC_PATH}/authorize">${hidden}
<label for="role">Role</label>
<select id="role" name="role">${ROLES.map((candidate) => `<option value="${candidate}"${candidate === role ? ' selected' : ''}>${candidate}</option>`).join('')}</select>
<label for="party">Party code (members)</label>
<input id="party" name="party" autocomplete="off" placeholder="KAZ" value="${escapeHtml(params.get('party') ?? '')}">
<button type="submit">Sign in</button>
</form></main>`,
    );
  }

  async function authorize(
    request: IncomingMessage,
    response: ServerResponse,
    query: URLSearchParams,
    body: Buffer,
  ): Promise<void> {
    const { redirectUri } = localOidcSettings(requestOrigin(request));
    const params = request.method === 'POST' ? new URLSearchParams(body.toString('utf8')) : query;
    const problem = authorizeProblem(params, redirectUri);
    if (problem)
      return sendPage(
        response,
        400,
        'Sign-in request refused',
        `<h1>Sign-in request refused</h1><p>${escapeHtml(problem)}</p>`,
      );
    if (request.method !== 'POST') return signInPage(response, params);

    const role = params.get('role') as Role;
    const party = params.get('party')?.trim() || undefined;
    if (!ROLES.includes(role)) return signInPage(response, params, 'Choose a role.');
    if (role === 'member' && !party)
      return signInPage(response, params, 'A member signs in for a party: enter its code.');
    if (party && !ZPartyCode.safeParse(party).success)
      return signInPage(response, params, 'A party code looks like AZE or OTS.');

    const code = base64url(randomBytes(32));
    codes.set(code, {
      role,
      ...(role === 'member' && { party }),
      sub: `local-${role}${role === 'member' ? `-${party!.toLowerCase()}` : ''}`,
      redirectUri,
      codeChallenge: params.get('code_challenge')!,
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = params.get('state');
    if (state) target.searchParams.set('state', state);
    response.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' });
    response.end();
  }

  async function tokens(grant: Grant, refreshToken: string) {
    const idToken = await issuer.mint({
      role: grant.role,
      sub: grant.sub,
      ttlSeconds: tokenTtlSeconds,
      ...(grant.party && { party: grant.party }),
    });
    return {
      id_token: idToken,
      // The API accepts ID tokens only (as with Cognito); the access token is opaque here.
      access_token: base64url(randomBytes(32)),
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: tokenTtlSeconds,
    };
  }

  async function token(response: ServerResponse, body: Buffer): Promise<void> {
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('client_id') !== LOCAL_CLIENT_ID)
      return tokenError(response, 'invalid_client', 'Unknown client_id.');
    const grantType = form.get('grant_type');
    if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(refreshToken);
      if (!grant) return tokenError(response, 'invalid_grant', 'Unknown refresh token.');
      return sendJson(response, 200, await tokens(grant, refreshToken));
    }
    if (grantType !== 'authorization_code')
      return tokenError(response, 'unsupported_grant_type', 'authorization_code or refresh_token.');
    const code = form.get('code') ?? '';
    const pending = codes.get(code);
    codes.delete(code); // single use, whatever follows
    if (!pending || pending.expiresAt < Date.now())
      return tokenError(response, 'invalid_grant', 'The code is unknown, used or expired.');
    if (form.get('redirect_uri') !== pending.redirectUri)
      return tokenError(
        response,
        'invalid_grant',
        'redirect_uri differs from the authorization request.',
      );
    const verifier = form.get('code_verifier') ?? '';
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || challenge !== pending.codeChallenge)
      return tokenError(response, 'invalid_grant', 'The PKCE code_verifier does not match.');
    const refreshToken = base64url(randomBytes(32));
    const { redirectUri: _uri, codeChallenge: _challenge, expiresAt: _expires, ...grant } = pending;
    refreshTokens.set(refreshToken, grant);
    return sendJson(response, 200, await tokens(grant, refreshToken));
  }

  function logout(response: ServerResponse, query: URLSearchParams, redirectUri: string): void {
    // Cognito's /logout takes `logout_uri`; OIDC RP-initiated logout `post_logout_redirect_uri`.
    const target = query.get('logout_uri') ?? query.get('post_logout_redirect_uri');
    if (target !== redirectUri) {
      sendPage(
        response,
        400,
        'Sign-out refused',
        `<h1>Sign-out refused</h1><p>The return address must be ${escapeHtml(redirectUri)}.</p>`,
      );
      return;
    }
    response.writeHead(302, { location: target, 'cache-control': 'no-store' });
    response.end();
  }

  return {
    async handle(request, response, body) {
      // Anything else, hostile requests included, is the API's to answer.
      if (!(request.url ?? '').startsWith(`${LOCAL_OIDC_PATH}/`)) return false;
      const origin = requestOrigin(request);
      const { authority, postLogoutRedirectUri } = localOidcSettings(origin);
      let url: URL;
      try {
        url = new URL(request.url ?? '/', origin);
      } catch {
        sendJson(response, 400, { error: 'invalid_request' });
        return true;
      }
      const endpoint = url.pathname.slice(LOCAL_OIDC_PATH.length);
      const method = request.method ?? 'GET';
      if (endpoint === '/.well-known/openid-configuration' && method === 'GET')
        sendJson(response, 200, discovery(authority));
      else if (endpoint === '/jwks' && method === 'GET')
        sendJson(response, 200, { keys: [issuer.publicJwk] });
      else if (endpoint === '/authorize' && (method === 'GET' || method === 'POST'))
        await authorize(request, response, url.searchParams, body);
      else if (endpoint === '/token' && method === 'POST') await token(response, body);
      else if (endpoint === '/logout' && method === 'GET')
        logout(response, url.searchParams, postLogoutRedirectUri);
      else sendJson(response, 404, { error: 'not_found' });
      return true;
    },
  };
}
