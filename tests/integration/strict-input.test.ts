import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openAgreement } from '../helpers/fixtures.js';
import { type ApiResponse, startTestApi, type TestApi } from '../helpers/test-api.js';

/**
 * The 1.1 contract's "Text fields, strictly": what every text field, date,
 * time zone and query number refuses, and HEAD on every GET route.
 */

let api: TestApi;
let secretariat: string;
let auditor: string;
let agreementId: string;
let conferenceId: string;

beforeAll(async () => {
  api = await startTestApi();
  secretariat = await api.token('secretariat');
  auditor = await api.token('auditor');
  ({ agreementId, conferenceId } = await openAgreement(api));
});
afterAll(() => api.close());

/**
 * Headers that differ between any two responses, that HEAD may leave out
 * (RFC 9110 §9.3.2), or that belong to the connection, not the response (§7.6.1).
 */
const PER_RESPONSE = new Set([
  'date',
  'x-request-id',
  'apigw-requestid',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);
const comparable = (response: ApiResponse) =>
  Object.fromEntries([...response.headers].filter(([name]) => !PER_RESPONSE.has(name)));

describe('HEAD on every GET route', () => {
  test('the same status and headers as GET, and no body', async () => {
    const paths = [
      '/v1/health',
      '/v1/openapi.json',
      '/docs',
      '/v1/conferences',
      `/v1/conferences/${conferenceId}`,
      `/v1/conferences/${conferenceId}/agreements`,
      `/v1/conferences/${conferenceId}/ceremonies`,
      `/v1/agreements/${agreementId}`,
      `/v1/agreements/${agreementId}/summary.pdf`,
      `/v1/agreements/${agreementId}/history`,
      `/v1/agreements/${agreementId}/history/verification`,
      '/v1/audit',
      // Failing ones too: 404 problem, 400 problem.
      '/v1/agreements/01NOSUCHAGREEMENT',
      '/v1/conferences?limit=0',
    ];
    for (const path of paths) {
      const get = await api.request('GET', path, { token: auditor });
      const head = await api.request('HEAD', path, { token: auditor });
      expect(head.status, path).toBe(get.status);
      expect(comparable(head), path).toEqual(comparable(get));
      expect(head.bytes, path).toHaveLength(0);
    }
  });

  test('without a token, 401 as for GET; on a POST-only path, 405 naming the allowed methods', async () => {
    const get = await api.request('GET', `/v1/agreements/${agreementId}`);
    const head = await api.request('HEAD', `/v1/agreements/${agreementId}`);
    expect([get.status, head.status]).toEqual([401, 401]);
    expect(comparable(head)).toEqual(comparable(get));
    expect(head.bytes).toHaveLength(0);

    const post = await api.request('HEAD', `/v1/agreements/${agreementId}/open`, {
      token: secretariat,
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('POST');
    const conferences = await api.request('DELETE', '/v1/conferences', { token: secretariat });
    expect(conferences.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});
