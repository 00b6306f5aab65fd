import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routes } from '../../shared/contract/routes.js';
import { textViolation } from '../../shared/domain/text.js';
import {
  agreementBody,
  conferenceBody,
  openAgreement,
  signatureBody,
} from '../helpers/fixtures.js';
import { useTestApi } from '../helpers/test-api.js';

/**
 * Thousands of generated requests at the live local server: none may get a
 * 5xx, every error must be a problem document, and no rejected request may
 * change what the table holds.
 */
const api = useTestApi();
let db: DynamoDBClient;
let ids: { conferenceId: string; agreementId: string };
let tokens: Record<string, string>;

beforeAll(async () => {
  db = new DynamoDBClient({
    endpoint: api.dynamoEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  ids = await openAgreement(api);
  tokens = {
    secretariat: await api.token('secretariat'),
    auditor: await api.token('auditor'),
    member: await api.token('member', 'AZE'),
    outsider: await api.token('member', 'RUS'),
    expired: await api.local.issuer.mint({ role: 'secretariat', ttlSeconds: -60 }),
  };
});
afterAll(async () => {
  db.destroy();
});

async function itemCount(): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: api.tableName, Select: 'COUNT', ExclusiveStartKey }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);
  return count;
}

const segment = fc.oneof(
  fc.constantFrom(
    'AZE',
    'KAZ',
    'RUS',
    '..',
    '%00',
    '%2F',
    '%ZZ',
    'İstanbul',
    'Қ',
    '{party}',
    ' ',
    'a'.repeat(300),
  ),
  fc.string({ minLength: 1, maxLength: 20 }),
);

const pathArbitrary = fc.oneof(
  fc.constantFrom(...routes.map((r) => r.path)).chain((template) =>
    fc
      .tuple(fc.constant(template), fc.array(segment, { minLength: 4, maxLength: 4 }), fc.boolean())
      .map(([t, values, realIds]) => {
        let i = 0;
        return t.replace(/\{(\w+)\}/g, (_match, name: string) => {
          if (realIds && name === 'conferenceId') return ids.conferenceId;
          if (realIds && name === 'agreementId') return ids.agreementId;
          return encodeURIComponent(values[i++] ?? 'x');
        });
      }),
  ),
  fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.map(encodeURIComponent).join('/')}`),
);

const queryArbitrary = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.constantFrom('limit', 'cursor', 'from', 'to', 'action', 'party', 'actor', 'x'),
      fc.string({ maxLength: 30 }),
      { maxKeys: 3 },
    )
    .map((query) => `?${new URLSearchParams(query).toString()}`),
);

const mutated = (base: Record<string, unknown>) =>
  fc
    .tuple(
      fc.constantFrom(...Object.keys(base), 'status', 'version', 'seq', 'extra'),
      fc.anything({ maxDepth: 2 }),
    )
    .map(([key, value]) => ({ ...base, [key]: value }));

const bodyArbitrary = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 50 }),
  fc.json({ maxDepth: 3 }),
  mutated(conferenceBody() as unknown as Record<string, unknown>).map((b) => JSON.stringify(b)),
  mutated(agreementBody(['AZE', 'ZZZ']) as unknown as Record<string, unknown>).map((b) =>
    JSON.stringify(b),
  ),
  mutated(signatureBody('AZE', { signedAt: '2999-01-01T00:00:00Z' })).map((b) => JSON.stringify(b)),
  fc.constant(JSON.stringify({ reason: 'x'.repeat(300_000) })),
  fc.constant('{"a":'),
);

const headerValue = fc.string({
  maxLength: 40,
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_/;=." *'.split('')),
});

const requestArbitrary = fc.record({
  method: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH'),
  path: pathArbitrary,
  query: queryArbitrary,
  body: bodyArbitrary,
  token: fc.constantFrom(
    'secretariat',
    'auditor',
    'member',
    'outsider',
    'expired',
    'garbage',
    'none',
  ),
  contentType: fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/xml',
      undefined,
    ),
    headerValue,
  ),
  ifMatch: fc.option(headerValue, { nil: undefined }),
  idempotencyKey: fc.option(headerValue, { nil: undefined }),
});

type Fuzzed = typeof requestArbitrary extends fc.Arbitrary<infer T> ? T : never;

async function send(request: Fuzzed) {
  const authorization =
    request.token === 'none'
      ? undefined
      : request.token === 'garbage'
        ? 'Bearer eyJhbGciOiJub25lIn0.e30.'
        : `Bearer ${tokens[request.token]}`;
  const response = await fetch(api.url + request.path + request.query, {
    method: request.method,
    headers: {
      ...(authorization && { authorization }),
      ...(request.contentType && { 'content-type': request.contentType }),
      ...(request.ifMatch && { 'if-match': request.ifMatch }),
      ...(request.idempotencyKey && { 'idempotency-key': request.idempotencyKey }),
    },
    ...(request.body !== undefined && request.method !== 'GET' && { body: request.body }),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

describe('hostile input', () => {
  test('2,000 generated requests: no 5xx, every error a problem document, rejected requests write nothing', async () => {
    const batches = fc.sample(fc.array(requestArbitrary, { minLength: 100, maxLength: 100 }), {
      numRuns: 20,
      seed: 20221126,
    });
    let sent = 0;
    for (const batch of batches) {
      const before = await itemCount();
      const results = [];
      for (let i = 0; i < batch.length; i += 10) {
        results.push(...(await Promise.all(batch.slice(i, i + 10).map(send))));
      }
      sent += results.length;
      for (const [index, result] of results.entries()) {
        const request = batch[index]!;
        expect(
          result.status,
          `${request.method} ${request.path}${request.query} → ${result.text.slice(0, 200)}`,
        ).toBeLessThan(500);
        if (result.status >= 400 && result.type === 'application/json') {
          // The gateway's JWT authorizer refused the token, before any handler (as in AWS).
          expect(result.status).toBe(401);
          expect(JSON.parse(result.text)).toEqual({ message: 'Unauthorized' });
        } else if (result.status >= 400) {
          expect(result.type).toContain('application/problem+json');
          const problem = JSON.parse(result.text);
          expect(problem).toMatchObject({
            status: result.status,
            type: expect.any(String),
            title: expect.any(String),
            detail: expect.any(String),
            requestId: expect.any(String),
          });
        }
      }
      const wrote = results.some(
        (result, index) => batch[index]!.method === 'POST' && result.status < 300,
      );
      if (!wrote) expect(await itemCount()).toBe(before);
    }
    expect(sent).toBe(2_000);
  }, 300_000);
});

/** Characters no text field may hold (contract 1.1): C0/C1 controls, bidi overrides and isolates, lone surrogates. */
const REFUSED_CHARACTER = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\t',
  '\r',
  '\u000B',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u202E',
  '\u2066',
  '\u2069',
  '\uD800',
);

/** A string holding at least one refused character. */
const hostileText = fc
  .tuple(fc.string({ maxLength: 10 }), REFUSED_CHARACTER, fc.string({ maxLength: 10 }))
  .map(([before, bad, after]) => before + bad + after);

/** Sets a string at one of the text-field paths of `base`. */
const withHostileText = (base: Record<string, unknown>, paths: readonly string[]) =>
  fc.tuple(fc.constantFrom(...paths), hostileText).map(([path, value]) => {
    const copy = structuredClone(base);
    const keys = path.split('.');
    let target = copy as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys.at(-1)!] = value;
    return copy;
  });

/** The same object with its keys, at every depth, in an order drawn from `draws`. */
const reordered = (value: unknown, draws: () => number): unknown => {
  if (Array.isArray(value)) return value.map((item) => reordered(item, draws));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, reordered(v, draws)] as const);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = draws() % (i + 1);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries);
};

/** `limit` values a lenient number parser would take: none is canonical decimal. */
const oddLimit = fc.oneof(
  fc.constantFrom(
    '1e1',
    '0x10',
    '0o7',
    '0b1',
    ' 5',
    '5 ',
    '+5',
    '05',
    '5.0',
    '1_0',
    'Infinity',
    '٥',
  ),
  fc.integer({ min: 1, max: 100 }).map((n) => `${n}.0`),
  fc.integer({ min: 1, max: 100 }).map((n) => ` ${n}`),
  fc.integer({ min: 1, max: 100 }).map((n) => `0${n}`),
  fc.integer({ min: 1, max: 100 }).map((n) => n.toExponential()),
  fc.integer({ min: 1, max: 100 }).map((n) => `0x${n.toString(16)}`),
);

// Thousands of requests: on a machine shared with other test runs this takes minutes.
describe('hostile input, contract 1.1 classes', { timeout: 300_000 }, () => {
  test('300 bodies with a control, bidi override or lone surrogate in a text field: every one 400 naming it, nothing written', async () => {
    const { conferenceId, agreementId } = ids;
    const targets = [
      [
        '/v1/conferences',
        conferenceBody(),
        ['name', 'venue.city', 'venue.country', 'parties.0.name'],
      ],
      [
        `/v1/conferences/${conferenceId}/agreements`,
        agreementBody(['AZE'], {
          signatories: [{ party: 'AZE', representative: { name: 'İlham', title: 'Prezident' } }],
        }),
        [
          'title',
          'kind',
          'signatories.0.representative.name',
          'signatories.0.representative.title',
        ],
      ],
      [
        `/v1/agreements/${agreementId}/signatories/KAZ/signature`,
        signatureBody('KAZ'),
        ['signedBy.name', 'signedBy.title', 'place'],
      ],
      [`/v1/agreements/${agreementId}/signatories/KAZ/decline`, { reason: 'Later' }, ['reason']],
    ] as const;
    const cases = fc.sample(
      fc
        .constantFrom(...targets)
        .chain(([path, body, fields]) =>
          fc.tuple(
            fc.constant(path),
            withHostileText(body as Record<string, unknown>, fields),
            fc.constant(fields),
          ),
        ),
      { numRuns: 300, seed: 20260101 },
    );
    const before = await itemCount();
    for (const [path, body] of cases) {
      const response = await api.request('POST', path, { token: tokens.secretariat, body });
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.errors).toHaveLength(1);
    }
    expect(await itemCount()).toBe(before);
  });

  test('100 bodies resent with their keys reordered and other whitespace, same Idempotency-Key: the first response, once', async () => {
    const bodies = fc.sample(
      fc.record({
        name: fc
          .string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
          .filter((name) => name.trim().length > 0 && textViolation(name) === undefined),
        city: fc.constantFrom('Bakı', 'Чолпон-Ата', 'İstanbul', 'Samarqand'),
      }),
      { numRuns: 100, seed: 8785 },
    );
    const requests = bodies.map(({ name, city }, index) => ({
      body: { ...conferenceBody(), name, venue: { city, country: 'Türkiye' } },
      headers: { 'content-type': 'application/json', 'idempotency-key': `jcs-${index}` },
      draws: fc.sample(fc.nat(1000), { numRuns: 50, seed: index }),
    }));
    const firsts = [];
    for (const { body, headers } of requests) {
      firsts.push(
        await api.request('POST', '/v1/conferences', {
          token: tokens.secretariat,
          rawBody: JSON.stringify(body),
          headers,
        }),
      );
    }
    const count = await itemCount();
    for (const [index, { body, headers, draws }] of requests.entries()) {
      let draw = 0;
      const retry = await api.request('POST', '/v1/conferences', {
        token: tokens.secretariat,
        rawBody: JSON.stringify(
          reordered(body, () => draws[draw++ % draws.length]!),
          null,
          1,
        ),
        headers,
      });
      const first = firsts[index]!;
      expect(first.status, JSON.stringify(body)).toBe(201);
      expect(retry.status, JSON.stringify(body)).toBe(201);
      expect(retry.body).toEqual(first.body);
    }
    expect(await itemCount()).toBe(count);
  });

  test('200 odd numbers as limit on the listings: 400 naming limit, never a page', async () => {
    const paths = [
      '/v1/conferences',
      `/v1/conferences/${ids.conferenceId}/agreements`,
      `/v1/conferences/${ids.conferenceId}/ceremonies`,
      `/v1/agreements/${ids.agreementId}/history`,
      '/v1/audit',
    ];
    const cases = fc.sample(fc.tuple(fc.constantFrom(...paths), oddLimit), {
      numRuns: 200,
      seed: 1e1,
    });
    for (const [path, limit] of cases) {
      const response = await api.request('GET', `${path}?limit=${encodeURIComponent(limit)}`, {
        token: tokens.auditor,
      });
      expect(response.status, `${path}?limit=${JSON.stringify(limit)}`).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'limit', message: expect.any(String) }]);
    }
  });
});
