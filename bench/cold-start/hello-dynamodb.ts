import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * A second, informative floor: the minimal Middy handler plus what any
 * function of this service cannot avoid, the DynamoDB document client
 * (bundled, as the stack bundles it) and one GetItem per request.
 */
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: process.env.AWS_REGION ?? 'local',
    ...(process.env.DYNAMODB_ENDPOINT && {
      endpoint: process.env.DYNAMODB_ENDPOINT,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  }),
);

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().handler(
  async () => {
    const { Item } = await db.send(
      new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: 'HEALTH', SK: 'HEALTH' } }),
    );
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ ok: true, found: Boolean(Item) }),
    };
  },
);
