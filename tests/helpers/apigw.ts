import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { RouteSpec } from '../../shared/contract/route.js';
import { routeKeyOf } from '../../shared/contract/route.js';
import type { Role } from '../../shared/domain/types.js';
import { lambdaContext } from '../../shared/local/apigw-event.js';

/**
 * Synthetic API Gateway HTTP API (payload 2.0) events, for calling Lambda
 * handlers in-process: what API Gateway hands a function after it matched
 * the route and its JWT authorizer accepted the token.
 */

process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export interface EventInput {
  /** The route API Gateway matched; omitted: the `$default` route. */
  readonly route?: Pick<RouteSpec, 'method' | 'path'>;
  readonly method?: string;
  readonly path: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** JSON-encoded (with a JSON content type) unless a string. */
  readonly body?: unknown;
  /** Verified token claims, as API Gateway flattens them (see `claimsOf`). */
  readonly claims?: Record<string, string>;
}

let requestCount = 0;

export function apiEvent(input: EventInput): APIGatewayProxyEventV2 {
  const method = input.method ?? input.route?.method ?? 'GET';
  const routeKey = input.route ? routeKeyOf(input.route) : '$default';
  const json = input.body !== undefined && typeof input.body !== 'string';
  const headers = {
    ...(json && { 'content-type': 'application/json' }),
    ...input.headers,
  };
  const rawQueryString = new URLSearchParams(input.query).toString();
  requestCount += 1;
  return {
    version: '2.0',
    routeKey,
    rawPath: input.path,
    rawQueryString,
    headers,
    ...(input.query && { queryStringParameters: input.query }),
    ...(input.pathParameters && { pathParameters: input.pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      ...(input.claims && { authorizer: { jwt: { claims: input.claims, scopes: null } } }),
      domainName: 'test.local',
      domainPrefix: 'test',
      http: {
        method,
        path: input.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: `test-${requestCount}`,
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(input.body !== undefined && {
      body: json ? JSON.stringify(input.body) : (input.body as string),
    }),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

/** ID-token claims of `role` as API Gateway's JWT authorizer passes them on. */
export function claimsOf(role: Role, party?: string, sub = `${role}-user`): Record<string, string> {
  return {
    sub,
    token_use: 'id',
    'cognito:groups': `[${role}]`,
    ...(party && { 'custom:party': party }),
  };
}

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface InvokeResult {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Parsed JSON for JSON and problem bodies, else the text (base64-decoded). */
  readonly body: any;
}

/** Invokes a Lambda handler in-process, as API Gateway would, with the function's timeout. */
export async function invoke(
  handler: Handler,
  event: APIGatewayProxyEventV2,
  timeoutMs = 10_000,
): Promise<InvokeResult> {
  const result = await handler(
    event,
    lambdaContext('test', event.requestContext.requestId, timeoutMs),
  );
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
  const text = result.isBase64Encoded
    ? Buffer.from(result.body ?? '', 'base64').toString('utf8')
    : (result.body ?? '');
  const isJson = /json/.test(headers['content-type'] ?? '') && text.length > 0;
  return { status: result.statusCode ?? 200, headers, body: isJson ? JSON.parse(text) : text };
}
