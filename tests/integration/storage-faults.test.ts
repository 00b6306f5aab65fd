import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyChain } from '../../shared/domain/hash-chain.js';
import {
  type DynamoDbLocal,
  freePort,
  startDynamoDbLocal,
} from '../../shared/local/dynamodb-local.js';
import { storedEvents } from '../helpers/events.js';
import { openAgreement, signatureBody } from '../helpers/fixtures.js';
import { startTestApi, type TestApi } from '../helpers/test-api.js';

/**
 * DynamoDB Local of its own (persisted, so that a restart keeps the data),
 * stopped in the middle of a signature load and started again.
 */
let api: TestApi;
let dynamo: DynamoDbLocal;
let dbPath: string;
let port: number;

beforeAll(async () => {
  dbPath = mkdtempSync(join(tmpdir(), 'signing-tracker-faults-'));
  port = await freePort();
  dynamo = await startDynamoDbLocal({ dbPath, port });
  api = await startTestApi({ dynamoEndpoint: dynamo.endpoint });
});
afterAll(async () => {
  await api.close();
  await dynamo.stop();
  rmSync(dbPath, { recursive: true, force: true });
});

interface Outcome {
  party: string;
  status: number;
  retryAfter: string | null;
  problem: boolean;
  start: number;
  end: number;
}

describe('storage outage in the middle of a signature load', () => {
  test('503 with Retry-After during the outage, recovery without restart, every 2xx present once, chain intact', async () => {
    // Prepare
    const parties = Array.from({ length: 300 }, (_, i) => ({
      code: `P${String(i).padStart(3, '0')}`,
      name: `Тараф ${i}`,
    }));
    const { agreementId } = await openAgreement(api, parties);
    const token = await api.token('secretariat');
    const outcomes: Outcome[] = [];
    // Like a client in the hall: a signature answered 503 is retried later.
    const queue = parties.map((p) => p.code);
    let loading = true;
    const worker = async () => {
      while (loading && queue.length > 0) {
        const party = queue.shift()!;
        const start = Date.now();
        const response = await api.request(
          'POST',
          `/v1/agreements/${agreementId}/signatories/${party}/signature`,
          {
            token,
            body: signatureBody(party),
          },
        );
        outcomes.push({
          party,
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          problem: (response.headers.get('content-type') ?? '').includes('problem+json'),
          start,
          end: Date.now(),
        });
        if (response.status === 503) queue.push(party);
      }
    };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    /** Waits (bounded) until the load has produced `count` outcomes matching `predicate`. */
    const waitFor = async (count: number, predicate: (o: Outcome) => boolean) => {
      const deadline = Date.now() + 60_000;
      while (outcomes.filter(predicate).length < count && Date.now() < deadline) await sleep(50);
    };

    // Act: load, then stop DynamoDB once writes flow, restart it once the outage has been seen
    const load = Promise.all(Array.from({ length: 4 }, worker));
    await waitFor(5, (o) => o.status === 201);
    await dynamo.stop();
    const stoppedAt = Date.now();
    const healthDuringOutage = await api.request('GET', '/v1/health');
    await waitFor(8, (o) => o.start > stoppedAt);
    const restartAt = Date.now();
    dynamo = await startDynamoDbLocal({ dbPath, port });
    const recoveryDeadline = Date.now() + 60_000;
    while ((await api.request('GET', '/v1/health')).status !== 200 && Date.now() < recoveryDeadline)
      await sleep(200);
    await waitFor(5, (o) => o.start > restartAt && o.status === 201);
    loading = false;
    await load;
    const healthAfter = await api.request('GET', '/v1/health');

    // Assess
    expect(healthDuringOutage.status).toBe(503);
    expect(healthAfter.status).toBe(200);
    // 409 only for a retry whose earlier attempt was committed although its answer was lost.
    const retried = (o: Outcome) =>
      outcomes.some((x) => x.party === o.party && x.start < o.start && x.status === 503);
    expect(
      outcomes.every(
        (o) => o.status === 201 || o.status === 503 || (o.status === 409 && retried(o)),
      ),
    ).toBe(true);
    const duringOutage = outcomes.filter((o) => o.start > stoppedAt && o.end < restartAt);
    expect(outcomes.filter((o) => o.end < stoppedAt && o.status === 201).length).toBeGreaterThan(0);
    expect(duringOutage.length).toBeGreaterThan(0);
    for (const o of duringOutage) {
      expect(o.status).toBe(503);
      expect(Number(o.retryAfter)).toBeGreaterThan(0);
      expect(o.problem).toBe(true);
    }
    const recovered = outcomes.filter((o) => o.start > restartAt && o.status === 201);
    expect(recovered.length).toBeGreaterThan(0);

    const events = await storedEvents(api, agreementId);
    const signedParties = events
      .filter((e) => e.action === 'SIGNATURE_RECORDED')
      .map((e) => e.party);
    expect(new Set(signedParties).size).toBe(signedParties.length);
    for (const o of outcomes.filter((x) => x.status === 201))
      expect(signedParties).toContain(o.party);
    const agreement = await api.request('GET', `/v1/agreements/${agreementId}`, { token });
    expect(agreement.body.progress.signed).toBe(signedParties.length);
    expect(
      verifyChain(events, {
        seq: agreement.body.chain.headSeq,
        hash: agreement.body.chain.headHash,
      }).valid,
    ).toBe(true);
  }, 180_000);
});
