import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../shared/local/local-issuer.js';
import { openAgreement } from '../helpers/fixtures.js';
import { startTestApi, type TestApi } from '../helpers/test-api.js';

let api: TestApi;
let jwk: JWK;
let ids: { conferenceId: string; agreementId: string };

beforeAll(async () => {
  api = await startTestApi();
  jwk = JSON.parse(readFileSync(join(api.dataDir, 'local-issuer-key.json'), 'utf8')) as JWK;
  ids = await openAgreement(api);
});
afterAll(() => api.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

async function signed(
  claims: Record<string, unknown>,
  options: { iss?: string; aud?: string; exp?: number; nbf?: number } = {},
) {
  const key = await importJWK(jwk, 'ES256');
  const jwt = new SignJWT({ 'cognito:groups': ['secretariat'], token_use: 'id', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid! })
    .setSubject('tester')
    .setIssuer(options.iss ?? LOCAL_ISSUER)
    .setAudience(options.aud ?? LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? now() + 600);
  if (options.nbf) jwt.setNotBefore(options.nbf);
  return jwt.sign(key);
}

async function hs256WithPublicKey(): Promise<string> {
  const { d: _d, ...publicJwk } = jwk;
  const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
  return new SignJWT({ 'cognito:groups': ['secretariat'] })
    .setProtectedHeader({ alg: 'HS256', kid: jwk.kid! })
    .setSubject('mallory')
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setExpirationTime(now() + 600)
    .sign(secret);
}

describe('tokens', () => {
  test('a well-formed token is accepted (the control for the cases below)', async () => {
    expect((await api.request('GET', '/v1/conferences', { token: await signed({}) })).status).toBe(
      200,
    );
  });

  test.each([
    ['expired', () => signed({}, { exp: now() - 120 })],
    ['not yet valid', () => signed({}, { nbf: now() + 3600 })],
    ['wrong issuer', () => signed({}, { iss: 'https://evil.example/issuer' })],
    ['wrong audience', () => signed({}, { aud: 'some-other-app' })],
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', 'cognito:groups': ['secretariat'], iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: now() + 600 })}.`,
    ],
    ['HS256 signed with the public key', hs256WithPublicKey],
    ['truncated', async () => (await signed({})).slice(0, -10)],
    ['garbage', async () => 'garbage'],
    ['empty signature', async () => `${(await signed({})).split('.').slice(0, 2).join('.')}.`],
  ])(
    '%s → the gateway refuses it, as API Gateway’s JWT authorizer does',
    async (_name, makeToken) => {
      const response = await api.request('GET', `/v1/agreements/${ids.agreementId}`, {
        token: await makeToken(),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.body).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(response.headers.get('apigw-requestid')).toBeTruthy();
      expect(response.headers.get('x-request-id')).toBeNull();
    },
  );

  test('an access token passes the gateway (it does in AWS) and the handler refuses it: 401 problem', async () => {
    const response = await api.request('GET', `/v1/agreements/${ids.agreementId}`, {
      token: await signed({ token_use: 'access' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
    expect(JSON.stringify(response.body)).not.toContain('Protocol of Intent');
  });

  test('right token, wrong role → 403; member of another party → 404 for reads and downloads', async () => {
    const auditor = await api.token('auditor');
    expect(
      (await api.request('POST', `/v1/agreements/${ids.agreementId}/close`, { token: auditor }))
        .status,
    ).toBe(403);
    const outsider = await api.token('member', 'RUS');
    for (const path of [
      `/v1/agreements/${ids.agreementId}`,
      `/v1/agreements/${ids.agreementId}/summary.pdf`,
    ]) {
      const response = await api.request('GET', path, { token: outsider });
      expect(response.status).toBe(404);
      expect(JSON.stringify(response.body)).not.toContain('Protocol');
    }
    const member = await api.token('member', 'AZE');
    expect(
      (await api.request('GET', `/v1/agreements/${ids.agreementId}/history`, { token: member }))
        .status,
    ).toBe(403);
  });

  test('API Gateway’s "[a b]" form of cognito:groups is understood', async () => {
    const token = await signed({ 'cognito:groups': 'auditor secretariat' });
    expect((await api.request('GET', `/v1/agreements/${ids.agreementId}`, { token })).status).toBe(
      200,
    );
  });
});
