import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The DynamoDB document client, configured once per container. Timeouts are
 * short and retries bounded so that a sick table turns into a 503 within a
 * few seconds instead of a Lambda hanging to its limit.
 */
export interface DynamoConfig {
  readonly tableName: string;
  /** Set locally (DynamoDB Local); unset in AWS. */
  readonly endpoint?: string;
  readonly region?: string;
}

export function dynamoConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DynamoConfig {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return {
    tableName,
    ...(env.DYNAMODB_ENDPOINT && { endpoint: env.DYNAMODB_ENDPOINT }),
    region: env.AWS_REGION ?? 'local',
  };
}

/**
 * How long the health check waits for the table: one attempt, well under
 * the client's own bound (3 attempts of up to 1 s to connect and 3 s to
 * answer) and under the public function's timeout, so a hung table is
 * answered 503 by the function rather than 500 by a Lambda timeout.
 */
export const HEALTH_CHECK_DEADLINE_MS = 2_000;

export function createDynamoClient(config: DynamoConfig): DynamoDBClient {
  return new DynamoDBClient({
    region: config.region ?? 'local',
    maxAttempts: 3,
    requestHandler: {
      connectionTimeout: 1_000,
      requestTimeout: 3_000,
      throwOnRequestTimeout: true,
    },
    ...(config.endpoint && {
      endpoint: config.endpoint,
      // DynamoDB Local accepts any credentials; these keep the SDK from searching for real ones.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  });
}

/** Plain JavaScript values in and out; `undefined` fields are left out rather than rejected. */
export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
