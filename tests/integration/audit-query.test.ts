import { type DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendEvents, EMPTY_CHAIN } from '../../shared/domain/hash-chain.js';
import type { AuditAction, AuditEvent } from '../../shared/domain/types.js';
import { conferenceKey, conferenceListKey, eventAuditKey } from '../../shared/store/keys.js';
import { agreementBody, conferenceBody, signatureBody } from '../helpers/fixtures.js';
import { useTestApi } from '../helpers/test-api.js';
import { eventItem, putItems, tableClient } from './audit-fixtures.js';

/**
 * `GET /v1/audit` against DynamoDB Local: 1,000 events seeded on days from
 * four months ago to last week, with stretches of empty days longer than one
 * page may walk, plus events made through the API today by two secretariat
 * users. What each query should return is worked out independently, from a
 * Scan of the table.
 */

const DAY = 86_400_000;
const TODAY = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
const iso = (ms: number) => new Date(ms).toISOString();
const ACTIONS: readonly AuditAction[] = [
  'SIGNATURE_RECORDED',
  'SIGNATURE_DECLINED',
  'SIGNATURE_WITHDRAWN',
  'AGREEMENT_CLOSED',
];
const PARTIES = ['AZE', 'KAZ', 'KGZ', 'TUR', 'UZB'];
const ACTORS = ['secretariat-alice', 'secretariat-bob', 'secretariat-cem'];

/** Busy days (days ago → events): two next to each other, then 75 empty days, two more, a week. */
const CLUSTERS: readonly [daysAgo: number, count: number][] = [
  [120, 200],
  [119, 100],
  [44, 250],
  [43, 150],
  [5, 300],
];

const api = useTestApi();
let db: DynamoDBDocumentClient;
let auditor: string;
let everything: AuditEvent[];

const order = (event: AuditEvent) => eventAuditKey(event.agreementId, event.seq, event.at).GSI2SK;
const idOf = (event: AuditEvent) => `${event.agreementId}#${event.seq}`;

function seededEvents(): AuditEvent[] {
  const events: AuditEvent[] = [];
  let n = 0;
  for (const [daysAgo, count] of CLUSTERS) {
    const dayStart = TODAY - daysAgo * DAY + 2 * 3_600_000;
    // Ten agreements a day, their events interleaved in time.
    for (let agreement = 0; agreement < 10; agreement++) {
      const drafts = Array.from({ length: count / 10 }, (_, i) => {
        const k = n + agreement + i * 10;
        return {
          agreementId: `01SEED${daysAgo}X${agreement}`,
          at: iso(dayStart + (agreement + i * 10) * 60_000),
          action: ACTIONS[k % ACTIONS.length]!,
          party: PARTIES[k % PARTIES.length]!,
          actor: { sub: ACTORS[k % ACTORS.length]!, role: 'secretariat' as const },
          data: { note: 'Қазақстан — Türkiye', k },
          requestId: `seed-${k}`,
        };
      });
      events.push(...appendEvents(EMPTY_CHAIN, drafts));
    }
    n += count;
  }
  return events;
}

async function audit(query: string) {
  return api.request('GET', `/v1/audit${query}`, { token: auditor });
}

async function walk(query: Record<string, string>) {
  const pages: AuditEvent[][] = [];
  let cursor: string | null = null;
  do {
    const parameters = new URLSearchParams({ ...query, ...(cursor && { cursor }) });
    const response = await audit(`?${parameters}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    pages.push(response.body.items);
    cursor = response.body.nextCursor;
    if (pages.length > 200) throw new Error('the walk does not end');
  } while (cursor);
  return pages;
}

function expected(filter: (event: AuditEvent) => boolean): AuditEvent[] {
  return everything.filter(filter).sort((a, b) => (order(a) < order(b) ? -1 : 1));
}

beforeAll(async () => {
  db = tableClient(api);
  auditor = await api.token('auditor');

  // The oldest conference, created just before the first seeded events: where the default window starts.
  const oldestId = '00000000000000000000000000'; // sorts before every ULID of today
  await db.send(
    new PutCommand({
      TableName: api.tableName,
      Item: {
        ...conferenceKey(oldestId),
        ...conferenceListKey(oldestId),
        type: 'conference',
        id: oldestId,
        ...conferenceBody(),
        createdAt: iso(TODAY - 120 * DAY + 3_600_000),
        version: 1,
      },
    }),
  );
  await putItems(db, api.tableName, seededEvents().map(eventItem));

  // Today, through the API, by two secretariat users.
  const alice = await api.local.issuer.mint({ role: 'secretariat', sub: 'secretariat-alice' });
  const bob = await api.local.issuer.mint({ role: 'secretariat', sub: 'secretariat-bob' });
  const conference = await api.request('POST', '/v1/conferences', {
    token: alice,
    body: conferenceBody(),
  });
  const agreement = await api.request('POST', `/v1/conferences/${conference.body.id}/agreements`, {
    token: alice,
    body: agreementBody(['AZE', 'KAZ', 'KGZ', 'TUR', 'UZB'], { open: true }),
  });
  const post = async (token: string, party: string, what: string, body: unknown) => {
    const response = await api.request(
      'POST',
      `/v1/agreements/${agreement.body.id}/signatories/${party}/${what}`,
      { token, body },
    );
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  };
  await post(bob, 'KGZ', 'decline', { reason: 'Кеңешүү керек' });
  await post(alice, 'AZE', 'signature', signatureBody('AZE'));
  await post(bob, 'KGZ', 'signature', signatureBody('KGZ'));
  await post(bob, 'AZE', 'withdrawal', { reason: 'Yeniden müzakere' });

  const { Items } = await db.send(
    new ScanCommand({
      TableName: api.tableName,
      FilterExpression: '#type = :event',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':event': 'event' },
    }),
  );
  everything = (Items ?? []).map(
    ({ PK: _1, SK: _2, GSI2PK: _3, GSI2SK: _4, type: _5, ...event }) => event as AuditEvent,
  );
  expect(everything).toHaveLength(1000 + 2 + 4);
}, 120_000);

afterAll(async () => {
  db?.destroy();
  await api?.close();
});

describe('GET /v1/audit', () => {
  test('walks every event of every agreement by time, in pages of 100, with no gap and no duplicate', async () => {
    // Act
    const pages = await walk({ limit: '100' });
    // Assess
    const items = pages.flat();
    expect(items).toEqual(expected(() => true));
    expect(new Set(items.map(idOf)).size).toBe(1006);
    expect(pages.every((page) => page.length <= 100)).toBe(true);
    // The 75 empty days between the clusters take more than one page's budget of queries:
    // some page in between comes back empty, with a cursor that carries on.
    expect(pages.slice(0, -1).some((page) => page.length === 0)).toBe(true);
  });

  test('pages hold 20 events unless told otherwise, and the first one is the oldest', async () => {
    const response = await audit('');
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual(expected(() => true).slice(0, 20));
    expect(response.body.nextCursor).toEqual(expect.any(String));
  });

  test.each([
    [
      'action',
      { action: 'SIGNATURE_DECLINED' },
      (e: AuditEvent) => e.action === 'SIGNATURE_DECLINED',
    ],
    ['party', { party: 'KGZ' }, (e: AuditEvent) => e.party === 'KGZ'],
    ['actor', { actor: 'secretariat-bob' }, (e: AuditEvent) => e.actor.sub === 'secretariat-bob'],
    [
      'action, party and actor together',
      { action: 'SIGNATURE_RECORDED', party: 'AZE', actor: 'secretariat-alice' },
      (e: AuditEvent) =>
        e.action === 'SIGNATURE_RECORDED' &&
        e.party === 'AZE' &&
        e.actor.sub === 'secretariat-alice',
    ],
    [
      'an action only made today',
      { action: 'AGREEMENT_CREATED' },
      (e: AuditEvent) => e.action === 'AGREEMENT_CREATED',
    ],
    ['an actor nobody is', { actor: 'nobody' }, () => false],
  ])('filters by %s return exactly the matching events', async (_name, query, filter) => {
    const items = (await walk({ ...query, limit: '100' })).flat();
    expect(items).toEqual(expected(filter));
    for (const event of items) expect(filter(event)).toBe(true);
  });

  test('from (inclusive) and to (exclusive) bound the window, whatever their offset', async () => {
    // Prepare: an event happened exactly at `from`; `to` is the time of another event
    const fromUtc = iso(TODAY - 44 * DAY + 3 * 3_600_000);
    const fromInAlmaty = `${iso(Date.parse(fromUtc) + 6 * 3_600_000).slice(0, 19)}+06:00`;
    const toEvent = expected((e) => e.at.startsWith(iso(TODAY - 5 * DAY).slice(0, 10)))[10]!;
    expect(everything.some((e) => e.at === fromUtc)).toBe(true);
    // Act
    const items = (await walk({ from: fromInAlmaty, to: toEvent.at, limit: '100' })).flat();
    // Assess
    expect(items).toEqual(expected((e) => e.at >= fromUtc && e.at < toEvent.at));
    expect(items[0]!.at).toBe(fromUtc);
    expect(items.map(idOf)).not.toContain(idOf(toEvent));
  });

  test('a filtered walk in small pages returns what one large page does', async () => {
    const query = { party: 'UZB', from: iso(TODAY - 50 * DAY) };
    const small = (await walk({ ...query, limit: '7' })).flat();
    const large = (await walk({ ...query, limit: '100' })).flat();
    expect(small).toEqual(large);
    expect(small.length).toBeGreaterThan(50);
  });
});

describe('audit requests that go wrong', () => {
  test('bad from, to, limit, action, party and unknown parameters are 400s naming the parameter', async () => {
    for (const [query, path] of [
      ['?from=yesterday', 'from'],
      ['?from=2022-07-26', 'from'],
      ['?to=2022-07-26T15:30:00', 'to'],
      ['?from=2022-07-27T00:00:00Z&to=2022-07-26T00:00:00Z', 'to'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=many', 'limit'],
      ['?action=SIGNATURE_FORGED', 'action'],
      ['?party=aze', 'party'],
      ['?agreementId=x', 'agreementId'],
    ] as const) {
      const response = await audit(query);
      expect(response.status, query).toBe(400);
      expect(response.body.errors, query).toEqual(
        expect.arrayContaining([expect.objectContaining({ path })]),
      );
    }
  });

  test('a garbage cursor, or a cursor of another query, is a 400', async () => {
    const first = await audit('?party=KAZ&limit=5');
    const cursor = encodeURIComponent(first.body.nextCursor);
    expect((await audit(`?party=KAZ&limit=5&cursor=${cursor}`)).status).toBe(200);
    for (const query of [
      '?cursor=garbage',
      `?cursor=${encodeURIComponent(Buffer.from('{"v":1}').toString('base64url'))}`,
      `?party=KGZ&cursor=${cursor}`,
      `?cursor=${cursor}`,
      `?party=KAZ&from=2000-01-01T00:00:00Z&cursor=${cursor}`,
    ]) {
      const response = await audit(query);
      expect(response.status, query).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
  });

  test('members may not query the audit; secretariat may', async () => {
    expect(
      (await api.request('GET', '/v1/audit', { token: await api.token('member', 'KAZ') })).status,
    ).toBe(403);
    expect(
      (await api.request('GET', '/v1/audit?limit=1', { token: await api.token('secretariat') }))
        .status,
    ).toBe(200);
  });
});
