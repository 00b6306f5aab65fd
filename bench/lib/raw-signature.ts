import { randomUUID } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { appendEvents } from '../../shared/domain/hash-chain.js';
import type { AuditEvent, Signatory } from '../../shared/domain/types.js';
import {
  agreementPartition,
  eventAuditKey,
  eventKey,
  ROSTER_PREFIX,
  SIGNATORY_PREFIX,
  signatoryKey,
} from '../../shared/store/keys.js';

/**
 * The floor of recording a signature: the DynamoDB calls the operation
 * needs and nothing else. One strongly consistent Query of the agreement's
 * partition, then one TransactWriteItems of
 *
 *   Put AGR        if chain.headSeq = <seq read>
 *   Put SIG#party  if absent or status = <status read>
 *   Put EVT#n      if absent
 *
 * with items shaped like the store's (dynamodb-signing-store.ts), issued
 * directly through the document client.
 */

type Item = Record<string, unknown>;

export async function rawSignature(
  db: DynamoDBDocumentClient,
  tableName: string,
  agreementId: string,
  party: string,
  body: { signedBy: { name: string; title: string }; signedAt: string; place: string },
): Promise<void> {
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': agreementPartition(agreementId) },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);

  const agreement = items.find((item) => item.SK === 'AGR');
  if (!agreement) throw new Error(`raw signature: no agreement ${agreementId}`);
  const current =
    (items.find((item) => item.SK === `${SIGNATORY_PREFIX}${party}`) as Signatory | undefined) ??
    items
      .filter((item) => String(item.SK).startsWith(ROSTER_PREFIX))
      .flatMap((item) => item.signatories as Signatory[])
      .find((signatory) => signatory.party === party);
  if (current?.status !== 'pending') throw new Error(`raw signature: ${party} not pending`);

  const at = new Date().toISOString();
  const chain = agreement.chain as { headSeq: number; headHash: string };
  const progress = agreement.progress as { signed: number; total: number };
  const after = { signed: progress.signed + 1, total: progress.total };
  const signedAt = new Date(body.signedAt).toISOString();
  const signatory: Signatory = {
    party,
    partyName: current.partyName,
    status: 'signed',
    signedBy: body.signedBy,
    signedAt,
    place: body.place,
    updatedAt: at,
  };
  const [event] = appendEvents({ seq: chain.headSeq, hash: chain.headHash }, [
    {
      agreementId,
      at,
      action: 'SIGNATURE_RECORDED',
      party,
      actor: { sub: 'bench-secretariat', role: 'secretariat' },
      data: { ...body, signedAt, previousStatus: 'pending', progress: after },
      requestId: randomUUID(),
    },
  ]) as [AuditEvent];

  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...agreement,
              progress: after,
              updatedAt: at,
              version: Number(agreement.version) + 1,
              chain: { headSeq: event.seq, headHash: event.hash },
            },
            ConditionExpression: 'chain.headSeq = :seq',
            ExpressionAttributeValues: { ':seq': chain.headSeq },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...signatoryKey(agreementId, party), type: 'signatory', ...signatory },
            ConditionExpression: 'attribute_not_exists(PK) OR #status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': current.status },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...eventKey(agreementId, event.seq),
              ...eventAuditKey(agreementId, event.seq, event.at),
              type: 'event',
              ...event,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ],
    }),
  );
}
