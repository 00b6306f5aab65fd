import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { eventKey, signatoryKey } from '../../shared/store/keys.js';
import { ceremonyBody, openAgreement, signatureBody } from '../helpers/fixtures.js';
import { startTestApi, type TestApi } from '../helpers/test-api.js';
import { tableClient } from './audit-fixtures.js';

/**
 * A summary is drawn only from a record its chain vouches for. Tampering
 * through the DynamoDB API (as anyone with table access could) makes the PDF
 * routes refuse with `integrity-failure`, log an ERROR naming the agreement
 * and the first bad seq, and emit the `IntegrityFailures` metric.
 */

// EMF metrics are printed to stdout; turned on here so that the test can read them.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';

let api: TestApi;
let db: DynamoDBDocumentClient;
let secretariat: string;
let output: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  db = tableClient(api);
  secretariat = await api.token('secretariat');
  // What the service prints (logs, EMF) is read by the tests, not shown.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    }) as typeof stream.write);
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  db?.destroy();
  await api?.close();
});

beforeEach(() => {
  output = [];
});

/** An open agreement in which KAZ and AZE signed through the API (events 1–4). */
async function signedAgreement(): Promise<string> {
  const { agreementId } = await openAgreement(api);
  for (const party of ['KAZ', 'AZE']) {
    const response = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/${party}/signature`,
      { token: secretariat, body: signatureBody(party) },
    );
    expect(response.status).toBe(201);
  }
  return agreementId;
}

const summary = (agreementId: string) =>
  api.request('GET', `/v1/agreements/${agreementId}/summary.pdf`, { token: secretariat });

function expectIntegrityFailure(
  response: Awaited<ReturnType<typeof summary>>,
  agreementId: string,
  firstBadSeq: number,
) {
  expect(response.status).toBe(500);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    type: 'https://signing-tracker.dev/problems/integrity-failure',
    status: 500,
  });
  const lines = output.join('').split('\n');
  const logged = lines.find((line) => line.includes('Integrity failure'));
  expect(logged, 'an ERROR log line').toBeDefined();
  expect(logged).toMatch(/ERROR/);
  expect(logged).toContain(agreementId);
  expect(logged).toMatch(new RegExp(`firstBadSeq[=":]+${firstBadSeq}\\b`));
  const emf = lines
    .filter((line) => line.startsWith('{') && line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(emf.some((metric) => metric.IntegrityFailures === 1)).toBe(true);
}

describe('summaries are drawn only from a verified chain', () => {
  test('an intact record renders', async () => {
    const agreementId = await signedAgreement();
    const response = await summary(agreementId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
  });

  test("a signer's name changed in the stored state: integrity-failure, at the event that set it", async () => {
    // Prepare
    const agreementId = await signedAgreement();
    await db.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: signatoryKey(agreementId, 'KAZ'),
        UpdateExpression: 'SET signedBy.#name = :name',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':name': 'Somebody Else' },
      }),
    );
    output = [];
    // Act
    const agreementPdf = await summary(agreementId);
    // Assess: KAZ's signature is event 3
    expectIntegrityFailure(agreementPdf, agreementId, 3);
  });

  test('an event edited behind the API: integrity-failure at its seq, for the ceremony summary too', async () => {
    // Prepare
    const agreementId = await signedAgreement();
    const ceremony = await api.request(
      'POST',
      `/v1/conferences/${(await api.request('GET', `/v1/agreements/${agreementId}`, { token: secretariat })).body.conferenceId}/ceremonies`,
      {
        token: secretariat,
        body: ceremonyBody([agreementId]),
      },
    );
    expect(ceremony.status).toBe(201);
    await db.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: eventKey(agreementId, 4),
        UpdateExpression: 'SET #data.place = :place',
        ExpressionAttributeNames: { '#data': 'data' },
        ExpressionAttributeValues: { ':place': 'Elsewhere' },
      }),
    );
    output = [];
    // Act
    const agreementPdf = await summary(agreementId);
    // Assess
    expectIntegrityFailure(agreementPdf, agreementId, 4);
    output = [];
    const ceremonyPdf = await api.request('GET', `/v1/ceremonies/${ceremony.body.id}/summary.pdf`, {
      token: secretariat,
    });
    expectIntegrityFailure(ceremonyPdf, agreementId, 4);
  });
});
