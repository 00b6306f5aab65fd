import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../shared/local/local-issuer.js';
import { startTestApi, type TestApi } from '../helpers/test-api.js';

/**
 * The local OIDC authority over real HTTP: what the portal's oidc-client-ts
 * does (discovery, authorize, token with PKCE, refresh, JWKS, logout), and
 * what it refuses. Its tokens are accepted by the local API.
 */

let api: TestApi;
let redirectUri: string;
beforeAll(async () => {
  api = await startTestApi();
  redirectUri = `${api.url}/`;
});
afterAll(() => api?.close());

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

const authorizeParams = (challenge: string, overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    client_id: LOCAL_AUDIENCE,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  });

/** The sign-in form posted: role and party chosen; the authority redirects with a code. */
async function authorize(challenge: string, role: string, party = '') {
  const params = authorizeParams(challenge, { role, party });
  return fetch(`${api.url}/local-oidc/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: params.toString(),
    redirect: 'manual',
  });
}

async function codeFor(challenge: string, role: string, party?: string): Promise<string> {
  const response = await authorize(challenge, role, party);
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(location.searchParams.get('state')).toBe('state-123');
  return location.searchParams.get('code')!;
}

const token = (form: Record<string, string>) =>
  fetch(`${api.url}/local-oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: LOCAL_AUDIENCE, ...form }).toString(),
  });

describe('the local OIDC authority', () => {
  test('publishes a discovery document whose endpoints are on the same origin', async () => {
    const response = await fetch(`${api.url}/local-oidc/.well-known/openid-configuration`);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: LOCAL_ISSUER,
      authorization_endpoint: `${api.url}/local-oidc/authorize`,
      token_endpoint: `${api.url}/local-oidc/token`,
      jwks_uri: `${api.url}/local-oidc/jwks`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  test('shows a sign-in page to choose a role and party', async () => {
    const response = await fetch(
      `${api.url}/local-oidc/authorize?${authorizeParams(pkce().challenge)}`,
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<select id="role" name="role">');
    expect(page).toContain('name="code_challenge"');
  });

  test('code + PKCE → an ID token the API accepts, verifiable with the JWKS; refresh renews it', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge, 'member', 'KAZ');
    const response = await token({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
    });
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as Record<string, string | number>;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const jwks = (await (await fetch(`${api.url}/local-oidc/jwks`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(String(tokens.id_token), createLocalJWKSet(jwks), {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
    });
    expect(payload).toMatchObject({
      'cognito:groups': ['member'],
      'custom:party': 'KAZ',
      token_use: 'id',
      sub: 'local-member-kaz',
    });
    const listed = await api.request('GET', '/v1/conferences', { token: String(tokens.id_token) });
    expect(listed.status).toBe(200);

    const renewed = await token({
      grant_type: 'refresh_token',
      refresh_token: String(tokens.refresh_token),
    });
    expect(renewed.status).toBe(200);
    const again = (await renewed.json()) as { id_token: string };
    const claims = (await jwtVerify(again.id_token, createLocalJWKSet(jwks))).payload;
    expect(claims.sub).toBe('local-member-kaz');
  });

  test('a wrong code_verifier, a reused code or another redirect_uri get no token', async () => {
    const { verifier, challenge } = pkce();
    const wrongVerifier = await token({
      grant_type: 'authorization_code',
      code: await codeFor(challenge, 'auditor'),
      code_verifier: pkce().verifier,
      redirect_uri: redirectUri,
    });
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });

    const code = await codeFor(challenge, 'auditor');
    const first = await token({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
    });
    expect(first.status).toBe(200);
    const reused = await token({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
    });
    expect(reused.status).toBe(400);

    const elsewhere = await token({
      grant_type: 'authorization_code',
      code: await codeFor(challenge, 'auditor'),
      code_verifier: verifier,
      redirect_uri: 'http://evil.example/',
    });
    expect(elsewhere.status).toBe(400);
    expect((await token({ grant_type: 'password', username: 'x' })).status).toBe(400);
    expect((await token({ grant_type: 'refresh_token', refresh_token: 'forged' })).status).toBe(
      400,
    );
  });

  test('refuses to start without PKCE, for another client or another redirect_uri (no redirect)', async () => {
    const refused: Record<string, string>[] = [
      { code_challenge_method: 'plain' },
      { code_challenge: '' },
      { client_id: 'someone-else' },
      { redirect_uri: 'http://evil.example/callback' },
      { response_type: 'token' },
    ];
    for (const overrides of refused) {
      const response = await fetch(
        `${api.url}/local-oidc/authorize?${authorizeParams(pkce().challenge, overrides)}`,
        { redirect: 'manual' },
      );
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  test('a member without a valid party code is asked again, not signed in', async () => {
    for (const party of ['', 'kaz', 'K']) {
      const response = await authorize(pkce().challenge, 'member', party);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  test('logout returns only to the portal', async () => {
    const back = await fetch(
      `${api.url}/local-oidc/logout?logout_uri=${encodeURIComponent(redirectUri)}`,
      {
        redirect: 'manual',
      },
    );
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(redirectUri);
    const away = await fetch(
      `${api.url}/local-oidc/logout?logout_uri=${encodeURIComponent('http://evil.example/')}`,
      {
        redirect: 'manual',
      },
    );
    expect(away.status).toBe(400);
  });
});

describe('the local server itself', () => {
  test('a second local API in one process is refused, not silently served from the first table', async () => {
    // The function modules built their clients for the first table on first load, as a Lambda container does.
    await api.request('GET', '/v1/health');
    await expect(startTestApi()).rejects.toThrow(/one local API per process/);
  });
});
