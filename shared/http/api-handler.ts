import { Logger } from '@aws-lambda-powertools/logger';
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { type FunctionName, type RouteDefinition, routes } from '../../functions/routes.js';
import { actorFromClaims, type Claims } from './auth.js';
import { MethodNotAllowedError, RouteNotFoundError } from './errors.js';
import type { Operation, OperationResult } from './operation.js';
import { toProblem } from './problem.js';
import { ifMatchOf, jsonBodyOf } from './request-guards.js';
import { matchRoute, routeKeyOf } from './route-match.js';
import { validate } from './validation.js';

/**
 * The Middy stack every Lambda function of the API shares:
 *
 *   problem responses (onError) ─▶ request id + response headers ─▶ dispatch
 *     dispatch: route ─▶ auth ─▶ body guards + JSON ─▶ zod ─▶ operation
 *
 * One function serves several routes (one per concern, for least privilege);
 * it picks the operation by the API Gateway `routeKey`.
 */

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'signing-tracker',
});

const JSON_TYPE = 'application/json; charset=utf-8';

const requestIdOf = (event: ApiEvent) => event.requestContext?.requestId ?? 'unknown';

function respond(result: OperationResult, requestId: string): ApiResult {
  const headers: Record<string, string> = { 'x-request-id': requestId, ...result.headers };
  if (result.binary) {
    return {
      statusCode: result.status,
      headers: { ...headers, 'content-type': result.binary.contentType },
      body: Buffer.from(result.binary.bytes).toString('base64'),
      isBase64Encoded: true,
    };
  }
  if (result.body === undefined) return { statusCode: result.status, headers, body: '' };
  return {
    statusCode: result.status,
    headers: { ...headers, 'content-type': JSON_TYPE },
    body: JSON.stringify(result.body),
  };
}

/** Answers every failure with an RFC 9457 problem; only unknown errors are 500, and they reveal nothing. */
const problemResponses = (): MiddlewareObj<ApiEvent, ApiResult> => ({
  onError: (request) => {
    const requestId = requestIdOf(request.event);
    const { problem, headers } = toProblem(request.error, requestId);
    if (problem.status >= 500)
      logger.error('Request failed', {
        requestId,
        status: problem.status,
        error: request.error as Error,
      });
    request.response = {
      statusCode: problem.status,
      headers: {
        'content-type': 'application/problem+json; charset=utf-8',
        'x-request-id': requestId,
        ...headers,
      },
      body: JSON.stringify(problem),
    };
  },
});

function resolveRoute(
  event: ApiEvent,
  ownRoutes: readonly RouteDefinition[],
): { route: RouteDefinition; pathParameters: Record<string, string> } {
  const byKey = ownRoutes.find((route) => routeKeyOf(route) === event.routeKey);
  if (byKey)
    return { route: byKey, pathParameters: (event.pathParameters as Record<string, string>) ?? {} };
  // The $default route: anything API Gateway did not match. Tell 404 from 405.
  const match = matchRoute(routes, event.requestContext.http.method, event.rawPath);
  if (match.kind === 'method-not-allowed') throw new MethodNotAllowedError(match.allowed);
  throw new RouteNotFoundError(
    `No route for ${event.requestContext.http.method} ${event.rawPath}.`,
  );
}

export function createApiHandler(
  functionName: FunctionName,
  operations: Readonly<Record<string, Operation>>,
) {
  const ownRoutes = routes.filter((route) => route.function === functionName);
  for (const route of ownRoutes) {
    if (!operations[route.operation])
      throw new Error(`Function ${functionName} has no operation ${route.operation}`);
  }

  const dispatch = async (event: ApiEvent): Promise<ApiResult> => {
    const requestId = requestIdOf(event);
    const { route, pathParameters } = resolveRoute(event, ownRoutes);
    const operation = operations[route.operation]!;
    const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } })
      .authorizer?.jwt?.claims;
    const actor = route.roles === 'public' ? undefined : actorFromClaims(claims, route.roles);
    const body = route.method === 'POST' ? jsonBodyOf(event) : undefined;
    const result = await operation.run({
      body: operation.body ? validate(operation.body, body, 'body') : undefined,
      query: operation.query
        ? validate(operation.query, event.queryStringParameters ?? {}, 'query')
        : undefined,
      path: operation.path ? validate(operation.path, pathParameters, 'path') : undefined,
      requestId,
      headers: event.headers,
      ...(event.headers['if-match'] !== undefined && {
        ifMatch: ifMatchOf(event.headers['if-match']),
      }),
      event,
      ...(actor && { actor }),
    });
    return respond(result, requestId);
  };

  return middy<ApiEvent, ApiResult, Error, Context>().use(problemResponses()).handler(dispatch);
}
