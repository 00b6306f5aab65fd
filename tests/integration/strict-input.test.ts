import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  agreementBody,
  conferenceBody,
  openAgreement,
  signatureBody,
} from '../helpers/fixtures.js';
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

/** Sets `value` at a dotted `path` of a copy of `body`. */
function withField(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return copy;
}

const HOSTILE = {
  NUL: '\u0000',
  BEL: '\u0007',
  TAB: '\t',
  VT: '\u000B',
  FF: '\u000C',
  CR: '\r',
  ESC: '\u001B',
  FS: '\u001C',
  DEL: '\u007F',
  NEL: '\u0085',
  RLO: '\u202E',
  LRI: '\u2066',
  PDI: '\u2069',
  'lone surrogate': '\uD800',
};

describe('text fields, strictly', () => {
  /** Every text field of every request body, with the request that carries it. */
  const fields = (ids: { conferenceId: string; agreementId: string }) => {
    const conference = ['/v1/conferences', conferenceBody()] as const;
    const agreement = [
      `/v1/conferences/${ids.conferenceId}/agreements`,
      agreementBody(['AZE'], {
        signatories: [
          { party: 'AZE', representative: { name: 'İlham Əliyev', title: 'Prezident' } },
        ],
      }),
    ] as const;
    const signature = [
      `/v1/agreements/${ids.agreementId}/signatories/KAZ/signature`,
      signatureBody('KAZ'),
    ] as const;
    const ceremony = [
      `/v1/conferences/${ids.conferenceId}/ceremonies`,
      {
        title: 'Signing',
        place: 'Ruh Ordo',
        scheduledAt: '2022-07-26T15:00:00+06:00',
        agreementIds: [ids.agreementId],
      },
    ] as const;
    return [
      [...conference, 'name'],
      [...conference, 'venue.city'],
      [...conference, 'venue.country'],
      [...conference, 'parties.0.name'],
      [...agreement, 'title'],
      [...agreement, 'kind'],
      [...agreement, 'signatories.0.representative.name'],
      [...agreement, 'signatories.0.representative.title'],
      [...signature, 'signedBy.name'],
      [...signature, 'signedBy.title'],
      [...signature, 'place'],
      [...signature, 'ceremonyId'],
      [`/v1/agreements/${ids.agreementId}/signatories/UZB/decline`, { reason: 'Later' }, 'reason'],
      [...ceremony, 'title'],
      [...ceremony, 'place'],
      [...ceremony, 'agreementIds.0'],
    ] as const;
  };

  test('controls, bidi overrides and isolates, lone surrogates: 400 naming the field, in every text field', async () => {
    const before = await api.request('GET', `/v1/agreements/${agreementId}`, { token: auditor });
    for (const [path, body, field] of fields({ conferenceId, agreementId })) {
      for (const [name, character] of Object.entries(HOSTILE)) {
        const response = await api.request('POST', path, {
          token: secretariat,
          body: withField(body, field, `Ankara${character}2022`),
        });
        expect(response.status, `${field} with ${name}`).toBe(400);
        expect(response.body.errors, `${field} with ${name}`).toEqual([
          { path: field, message: expect.any(String) },
        ]);
      }
      const newline = await api.request('POST', path, {
        token: secretariat,
        body: withField(body, field, 'first line\nsecond line'),
      });
      expect(newline.status, `${field} with a line feed`).toBe(field === 'reason' ? 200 : 400);
    }
    // The decline with a line feed in its reason was the only change.
    const after = await api.request('GET', `/v1/agreements/${agreementId}`, { token: auditor });
    expect(after.body.version).toBe(before.body.version + 1);
    expect(after.body.signatories.find((s: { party: string }) => s.party === 'UZB').reason).toBe(
      'first line\nsecond line',
    );
  });

  test('a withdrawal reason may span lines (U+000A), never with CR', async () => {
    const path = `/v1/agreements/${agreementId}/signatories/TUR`;
    expect(
      (
        await api.request('POST', `${path}/signature`, {
          token: secretariat,
          body: signatureBody('TUR'),
        })
      ).status,
    ).toBe(201);
    const crlf = await api.request('POST', `${path}/withdrawal`, {
      token: secretariat,
      body: { reason: 'one\r\ntwo' },
    });
    expect(crlf.status).toBe(400);
    expect(crlf.body.errors).toEqual([
      { path: 'reason', message: expect.stringContaining('U+000D') },
    ]);
    const lf = await api.request('POST', `${path}/withdrawal`, {
      token: secretariat,
      body: { reason: 'one\ntwo' },
    });
    expect(lf.status).toBe(200);
    expect(lf.body.reason).toBe('one\ntwo');
  });
});

describe('dates before 1900-01-01', () => {
  test('are refused with 422 naming the field; 1900-01-01 itself is fine', async () => {
    const cases = [
      ['/v1/conferences', withField(conferenceBody(), 'startDate', '1899-12-31'), 'startDate'],
      ['/v1/conferences', withField(conferenceBody(), 'startDate', '0001-01-01'), 'startDate'],
      [
        '/v1/conferences',
        { ...conferenceBody(), startDate: '1899-12-30', endDate: '1899-12-31' },
        'startDate',
      ],
      [
        `/v1/agreements/${agreementId}/signatories/AZE/signature`,
        signatureBody('AZE', { signedAt: '0001-01-01T00:00:00Z' }),
        'signedAt',
      ],
      [
        `/v1/agreements/${agreementId}/signatories/AZE/signature`,
        // 23:00 UTC on 31 December 1899
        signatureBody('AZE', { signedAt: '1900-01-01T05:00:00+06:00' }),
        'signedAt',
      ],
      [
        `/v1/conferences/${conferenceId}/ceremonies`,
        {
          title: 'Old',
          place: 'Baku',
          scheduledAt: '1899-12-31T23:59:59Z',
          agreementIds: [agreementId],
        },
        'scheduledAt',
      ],
    ] as const;
    for (const [path, body, field] of cases) {
      const response = await api.request('POST', path, { token: secretariat, body });
      expect(response.status, `${field} ${JSON.stringify(body).slice(0, 80)}`).toBe(422);
      expect(response.body.errors).toContainEqual({ path: field, message: expect.any(String) });
    }
    const earliest = await api.request('POST', '/v1/conferences', {
      token: secretariat,
      body: { ...conferenceBody(), startDate: '1900-01-01' },
    });
    expect(earliest.status).toBe(201);
    const signed = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/AZE/signature`,
      {
        token: secretariat,
        body: signatureBody('AZE', { signedAt: '1900-01-01T00:00:00Z' }),
      },
    );
    expect(signed.status).toBe(201);
  });
});

describe('timeZone', () => {
  test.each([
    ['asia/baku', 'Asia/Baku'],
    ['ASIA/BAKU', 'Asia/Baku'],
    ['Asia/Baku', 'Asia/Baku'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['europe/kyiv', 'Europe/Kyiv'],
    ['america/argentina/buenos_aires', 'America/Argentina/Buenos_Aires'],
    ['america/port-au-prince', 'America/Port-au-Prince'],
    ['utc', 'UTC'],
  ])('%s is stored as %s', async (sent, stored) => {
    const response = await api.request('POST', '/v1/conferences', {
      token: secretariat,
      body: { ...conferenceBody(), timeZone: sent },
    });
    expect(response.status).toBe(201);
    expect(response.body.timeZone).toBe(stored);
    const read = await api.request('GET', `/v1/conferences/${response.body.id}`, {
      token: auditor,
    });
    expect(read.body.timeZone).toBe(stored);
  });

  test.each(['Mars/Olympus', 'Asia/Baku ', 'Asia//Baku', 'EST', '', 'Asia/Baku\u0000'])(
    '%j is refused (400)',
    async (sent) => {
      const response = await api.request('POST', '/v1/conferences', {
        token: secretariat,
        body: { ...conferenceBody(), timeZone: sent },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'timeZone', message: expect.any(String) }]);
    },
  );
});

describe('query numbers', () => {
  test.each([
    '1e1',
    '0x10',
    ' 5',
    '5 ',
    '+5',
    '05',
    '5.0',
    '-1',
    '',
    '0',
    '101',
    '1_0',
    'Infinity',
  ])('limit=%j → 400 on every listing', async (limit) => {
    const query = `?limit=${encodeURIComponent(limit)}`;
    for (const path of [
      '/v1/conferences',
      `/v1/conferences/${conferenceId}/agreements`,
      `/v1/conferences/${conferenceId}/ceremonies`,
      `/v1/agreements/${agreementId}/history`,
      '/v1/audit',
      '/v1/notifications',
    ]) {
      const response = await api.request('GET', path + query, { token: auditor });
      expect(response.status, path + query).toBe(400);
      expect(response.body.errors, path + query).toEqual([
        { path: 'limit', message: expect.any(String) },
      ]);
    }
  });

  test('limit=1, 5 and 100 are pages of that size at most', async () => {
    for (const limit of [1, 5, 100]) {
      const response = await api.request('GET', `/v1/conferences?limit=${limit}`, {
        token: auditor,
      });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(limit);
    }
  });
});
