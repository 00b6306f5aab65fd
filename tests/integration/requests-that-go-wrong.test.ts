import { beforeAll, describe, expect, test } from 'vitest';
import {
  agreementBody,
  conferenceBody,
  openAgreement,
  signatureBody,
} from '../helpers/fixtures.js';
import { type ApiResponse, useTestApi } from '../helpers/test-api.js';

const api = useTestApi();
let agreementId: string;
let conferenceId: string;

beforeAll(async () => {
  ({ agreementId, conferenceId } = await openAgreement(api));
});

function expectProblem(response: ApiResponse, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.headers.get('x-request-id')).toBeTruthy();
  expect(response.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
}

describe('requests that go wrong get the contract’s problem responses', () => {
  test('malformed JSON → 400', async () => {
    const response = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      rawBody: '{"name": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400);
  });

  test('schema violations → 400 naming each field path', async () => {
    const response = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: {
        name: '',
        venue: { city: 'Bakı' },
        timeZone: 'Mars/Olympus',
        startDate: '2022-02-30',
        parties: [{ code: 'az', name: 'x' }],
      },
    });
    expectProblem(response, 400);
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      ['name', 'parties.0.code', 'startDate', 'timeZone', 'venue.country'].sort(),
    );
  });

  test('unknown properties at any level → 400, so no client sets status, version or seq', async () => {
    const response = await api.request('POST', `/v1/conferences/${conferenceId}/agreements`, {
      token: api.secretariat,
      body: {
        ...agreementBody(['AZE']),
        status: 'closed',
        signatories: [{ party: 'AZE', status: 'signed' }],
      },
    });
    expectProblem(response, 400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'signatories.0.status',
      'status',
    ]);
  });

  test('bad query parameter and bad cursor → 400', async () => {
    expectProblem(
      await api.request('GET', '/v1/conferences?limit=0', { token: api.secretariat }),
      400,
    );
    expectProblem(
      await api.request('GET', '/v1/conferences?limit=abc', { token: api.secretariat }),
      400,
    );
    expectProblem(
      await api.request('GET', '/v1/conferences?bogus=1', { token: api.secretariat }),
      400,
    );
    expectProblem(
      await api.request('GET', '/v1/conferences?cursor=not-a-cursor', { token: api.secretariat }),
      400,
    );
  });

  test('unknown route → 404, wrong method → 405 with Allow, unknown resource → 404', async () => {
    expectProblem(await api.request('GET', '/v1/nothing-here', { token: api.secretariat }), 404);
    const wrongMethod = await api.request('DELETE', `/v1/agreements/${agreementId}`, {
      token: api.secretariat,
    });
    expectProblem(wrongMethod, 405);
    // A GET route answers HEAD too (contract 1.1), so Allow names both.
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
    expectProblem(
      await api.request('GET', '/v1/agreements/01NOSUCHAGREEMENT', { token: api.secretariat }),
      404,
    );
    expectProblem(
      await api.request('GET', '/v1/conferences/01NOSUCHCONFERENCE', { token: api.secretariat }),
      404,
    );
  });

  test('body over 256 KiB → 413; another content type → 415', async () => {
    const big = { ...conferenceBody(), name: 'x'.repeat(300 * 1024) };
    expectProblem(
      await api.request('POST', '/v1/conferences', { token: api.secretariat, body: big }),
      413,
    );
    expectProblem(
      await api.request('POST', '/v1/conferences', {
        token: api.secretariat,
        rawBody: JSON.stringify(conferenceBody()),
        headers: { 'content-type': 'text/plain' },
      }),
      415,
    );
  });

  test('semantic errors → 422: party not in conference, party twice, count above signatories, future signature', async () => {
    expectProblem(
      await api.request('POST', `/v1/conferences/${conferenceId}/agreements`, {
        token: api.secretariat,
        body: agreementBody(['AZE', 'RUS']),
      }),
      422,
    );
    expectProblem(
      await api.request('POST', `/v1/conferences/${conferenceId}/agreements`, {
        token: api.secretariat,
        body: agreementBody(['AZE', 'AZE']),
      }),
      422,
    );
    expectProblem(
      await api.request('POST', `/v1/conferences/${conferenceId}/agreements`, {
        token: api.secretariat,
        body: agreementBody(['AZE'], { entryIntoForce: { rule: 'count', count: 2 } }),
      }),
      422,
    );
    expectProblem(
      await api.request('POST', '/v1/conferences', {
        token: api.secretariat,
        body: {
          ...conferenceBody(),
          parties: [
            { code: 'AZE', name: 'a' },
            { code: 'AZE', name: 'b' },
          ],
        },
      }),
      422,
    );
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expectProblem(
      await api.request('POST', `/v1/agreements/${agreementId}/signatories/AZE/signature`, {
        token: api.secretariat,
        body: signatureBody('AZE', { signedAt: future }),
      }),
      422,
    );
  });

  test('missing, malformed and forged tokens → 401 from the gateway, before any handler', async () => {
    // API Gateway's JWT authorizer answers these itself, with its fixed body and a challenge.
    const expectGatewayRefusal = (
      response: ApiResponse,
      challenge = 'Bearer error="invalid_token"',
    ) => {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toBe(challenge);
    };
    expectGatewayRefusal(await api.request('GET', '/v1/conferences'), 'Bearer');
    expectGatewayRefusal(
      await api.request('GET', '/v1/conferences', { headers: { authorization: 'Basic abc' } }),
      'Bearer',
    );
    expectGatewayRefusal(await api.request('GET', '/v1/conferences', { token: 'not.a.jwt' }));
    const [header, payload] = api.secretariat.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        sub: 'mallory',
      }),
    ).toString('base64url');
    expectGatewayRefusal(
      await api.request('GET', '/v1/conferences', {
        token: `${header}.${forgedPayload}.${api.secretariat.split('.')[2]}`,
      }),
    );
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expectGatewayRefusal(await api.request('GET', '/v1/conferences', { token: unsigned }));
  });

  test('If-Match with a stale version → 412 and nothing changes', async () => {
    const before = await api.request('GET', `/v1/agreements/${agreementId}`, {
      token: api.secretariat,
    });
    const stale = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/KAZ/decline`,
      {
        token: api.secretariat,
        body: {},
        headers: { 'if-match': '"1"' },
      },
    );
    expectProblem(stale, 412);
    const after = await api.request('GET', `/v1/agreements/${agreementId}`, {
      token: api.secretariat,
    });
    expect(after.body).toEqual(before.body);
    const fresh = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/KAZ/decline`,
      {
        token: api.secretariat,
        body: {},
        headers: { 'if-match': before.headers.get('etag')! },
      },
    );
    expect(fresh.status).toBe(200);
  });

  test('If-Match lists match if any tag matches; weak tags never match; garbage → 400', async () => {
    const { agreementId: id } = await openAgreement(api);
    const current = (
      await api.request('GET', `/v1/agreements/${id}`, { token: api.secretariat })
    ).headers.get('etag')!;
    const decline = (ifMatch: string) =>
      api.request('POST', `/v1/agreements/${id}/signatories/TUR/decline`, {
        token: api.secretariat,
        body: {},
        headers: { 'if-match': ifMatch },
      });
    expectProblem(await decline('abc'), 400);
    expectProblem(await decline(`W/${current}`), 412);
    expect((await decline(`"999", ${current}`)).status).toBe(200);
  });

  test('malformed %-escapes and lone surrogates are refused, never a 500', async () => {
    expectProblem(
      await api.request('GET', '/v1/agreements/%E0%A4%A', { token: api.secretariat }),
      404,
    );
    expectProblem(
      await api.request('POST', `/v1/agreements/${agreementId}/signatories/%ff/decline`, {
        token: api.secretariat,
        body: {},
      }),
      404,
    );
    const response = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      // The JSON escape of a lone high surrogate, as a client could send it.
      rawBody: JSON.stringify(conferenceBody()).replace('XXIV', 'XXIV \\ud83d'),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(['name']);
  });

  test('bytes that are not UTF-8 → 400, never silently replaced', async () => {
    const json = Buffer.from(JSON.stringify(conferenceBody()));
    const bad = Buffer.concat([json.subarray(0, 10), Buffer.from([0xff, 0xfe]), json.subarray(10)]);
    const response = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      rawBody: new Uint8Array(bad),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400);
  });

  test('failed requests write nothing', async () => {
    const before = await api.request('GET', `/v1/agreements/${agreementId}`, {
      token: api.secretariat,
    });
    await api.request('POST', `/v1/agreements/${agreementId}/signatories/UZB/withdrawal`, {
      token: api.secretariat,
      body: { reason: 'x' },
    });
    await api.request('POST', `/v1/agreements/${agreementId}/open`, { token: api.secretariat });
    await api.request('POST', `/v1/agreements/${agreementId}/signatories/RUS/signature`, {
      token: api.secretariat,
      body: signatureBody('AZE'),
    });
    const after = await api.request('GET', `/v1/agreements/${agreementId}`, {
      token: api.secretariat,
    });
    expect(after.body).toEqual(before.body);
  });
});
