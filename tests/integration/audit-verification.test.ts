import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendEvents, type ChainHead } from '../../shared/domain/hash-chain.js';
import type { AuditEvent } from '../../shared/domain/types.js';
import { eventKey } from '../../shared/store/keys.js';
import { openAgreement, signatureBody, TURKIC_PARTIES } from '../helpers/fixtures.js';
import { useTestApi } from '../helpers/test-api.js';
import { eventItem, tableClient } from './audit-fixtures.js';

/**
 * Tampering with the record the way someone with write access to the table
 * could (bypassing the API), and the verification route naming the first
 * bad seq. Each case gets its own agreement whose 8 events were made
 * through the API.
 */

const api = useTestApi();
let db: DynamoDBDocumentClient;
let auditor: string;

/** An open agreement of the five parties: created, opened, KAZ declines, then all five sign (8 events). */
async function agreementWithHistory(): Promise<string> {
  const { agreementId } = await openAgreement(api);
  const secretariat = await api.token('secretariat');
  const post = async (party: string, what: string, body: unknown) => {
    const response = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/${party}/${what}`,
      { token: secretariat, body },
    );
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  };
  await post('KAZ', 'decline', { reason: 'Ратификация күтілуде' });
  for (const { code } of TURKIC_PARTIES) await post(code, 'signature', signatureBody(code));
  return agreementId;
}

const verify = async (agreementId: string) => {
  const response = await api.request('GET', `/v1/agreements/${agreementId}/history/verification`, {
    token: auditor,
  });
  expect(response.status).toBe(200);
  return response.body as {
    valid: boolean;
    eventCount: number;
    headHash: string;
    firstInvalidSeq?: number;
  };
};

async function storedEvent(agreementId: string, seq: number): Promise<Record<string, unknown>> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: api.tableName,
      Key: eventKey(agreementId, seq),
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new Error(`no event ${seq}`);
  return Item;
}

const withoutKeys = ({ PK: _pk, SK: _sk, ...rest }: Record<string, unknown>) => rest;

beforeAll(async () => {
  db = tableClient(api);
  auditor = await api.token('auditor');
});

afterAll(async () => {
  db?.destroy();
  await api?.close();
});

describe('GET /v1/agreements/{id}/history/verification', () => {
  test('an untouched chain verifies and reports its head', async () => {
    const agreementId = await agreementWithHistory();
    const agreement = await api.request('GET', `/v1/agreements/${agreementId}`, { token: auditor });
    expect(await verify(agreementId)).toEqual({
      valid: true,
      eventCount: 8,
      headHash: agreement.body.chain.headHash,
    });
    expect(agreement.body.chain.headSeq).toBe(8);
  });

  test('a field of an event edited in the table is caught at that event', async () => {
    // Prepare
    const agreementId = await agreementWithHistory();
    // Act: KAZ's decline (seq 3) now gives another reason
    await db.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: eventKey(agreementId, 3),
        UpdateExpression: 'SET #data.#reason = :reason',
        ExpressionAttributeNames: { '#data': 'data', '#reason': 'reason' },
        ExpressionAttributeValues: { ':reason': 'Ратификация қажет емес' },
      }),
    );
    // Assess
    expect(await verify(agreementId)).toMatchObject({
      valid: false,
      eventCount: 8,
      firstInvalidSeq: 3,
    });
  });

  test('an edited timestamp is caught too', async () => {
    const agreementId = await agreementWithHistory();
    await db.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: eventKey(agreementId, 6),
        UpdateExpression: 'SET #at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': '2022-07-26T09:30:00.000Z' },
      }),
    );
    expect(await verify(agreementId)).toMatchObject({ valid: false, firstInvalidSeq: 6 });
  });

  test('a deleted event is caught where it is missing', async () => {
    const agreementId = await agreementWithHistory();
    await db.send(new DeleteCommand({ TableName: api.tableName, Key: eventKey(agreementId, 4) }));
    expect(await verify(agreementId)).toMatchObject({
      valid: false,
      eventCount: 7,
      firstInvalidSeq: 4,
    });
  });

  test('two events swapped (contents exchanged, keys kept) are caught at the first of them', async () => {
    // Prepare
    const agreementId = await agreementWithHistory();
    const fifth = await storedEvent(agreementId, 5);
    const sixth = await storedEvent(agreementId, 6);
    // Act
    await db.send(
      new PutCommand({
        TableName: api.tableName,
        Item: { ...withoutKeys(sixth), ...eventKey(agreementId, 5) },
      }),
    );
    await db.send(
      new PutCommand({
        TableName: api.tableName,
        Item: { ...withoutKeys(fifth), ...eventKey(agreementId, 6) },
      }),
    );
    // Assess
    expect(await verify(agreementId)).toMatchObject({
      valid: false,
      eventCount: 8,
      firstInvalidSeq: 5,
    });
  });

  test('an extra event inserted between two others is caught where it sits', async () => {
    // Prepare: a copy of event 2 slipped in after it (a sort key between 2 and 3)
    const agreementId = await agreementWithHistory();
    const second = await storedEvent(agreementId, 2);
    // Act
    await db.send(
      new PutCommand({
        TableName: api.tableName,
        Item: { ...second, SK: `${eventKey(agreementId, 2).SK}5`, requestId: 'inserted' },
      }),
    );
    // Assess
    expect(await verify(agreementId)).toMatchObject({
      valid: false,
      eventCount: 9,
      firstInvalidSeq: 3,
    });
  });

  test('an extra event correctly chained onto the end is caught: the agreement does not point at it', async () => {
    // Prepare
    const agreementId = await agreementWithHistory();
    const last = (await storedEvent(agreementId, 8)) as unknown as AuditEvent;
    const head: ChainHead = { seq: 8, hash: last.hash };
    const [forged] = appendEvents(head, [
      {
        agreementId,
        at: new Date().toISOString(),
        action: 'SIGNATURE_WITHDRAWN',
        party: 'TUR',
        actor: last.actor,
        data: { reason: 'forged', previousStatus: 'signed' },
        requestId: 'forged',
      },
    ]);
    // Act
    await db.send(new PutCommand({ TableName: api.tableName, Item: eventItem(forged!) }));
    // Assess
    expect(await verify(agreementId)).toMatchObject({
      valid: false,
      eventCount: 9,
      firstInvalidSeq: 9,
    });
  });

  test('the last event cut off is caught by the head the agreement points at', async () => {
    const agreementId = await agreementWithHistory();
    await db.send(new DeleteCommand({ TableName: api.tableName, Key: eventKey(agreementId, 8) }));
    const result = await verify(agreementId);
    expect(result).toMatchObject({ valid: false, eventCount: 7, firstInvalidSeq: 8 });
    expect(result.headHash).toBe(
      ((await storedEvent(agreementId, 7)) as unknown as AuditEvent).hash,
    );
  });

  test('a tampered chain still exports as stored, so an auditor sees what changed', async () => {
    const agreementId = await agreementWithHistory();
    await db.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: eventKey(agreementId, 2),
        UpdateExpression: 'SET #actor.#sub = :sub',
        ExpressionAttributeNames: { '#actor': 'actor', '#sub': 'sub' },
        ExpressionAttributeValues: { ':sub': 'someone-else' },
      }),
    );
    const page = await api.request('GET', `/v1/agreements/${agreementId}/history?limit=3`, {
      token: auditor,
    });
    expect(page.body.items[1].actor.sub).toBe('someone-else');
    expect(await verify(agreementId)).toMatchObject({ valid: false, firstInvalidSeq: 2 });
  });
});
