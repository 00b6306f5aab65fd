import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { type FunctionName, type RouteDefinition, routes } from '../../functions/routes.js';
import { IntegrityError } from '../domain/record-integrity.js';
import type { Actor } from '../domain/types.js';
import { actorFromClaims, type Claims } from './auth.js';
import { MethodNotAllowedError, RouteNotFoundError } from './errors.js';
import { INTEGRITY_FAILURES_METRIC } from './metric-names.js';
import { logger, metrics, tracer } from './observability.js';
import type { Operation, OperationRequest, OperationResult } from './operation.js';
import { toProblem } from './problem.js';
import { ifMatchOf, jsonBodyOf, pdfBodyOf } from './request-guards.js';
import { matchRoute, routeKeyOf } from './route-match.js';
import { validate } from './validation.js';

/**
 * The Middy stack every Lambda function of the API shares. `before` runs top
 * to bottom, `after`/`onError` bottom to top, so problem responses are
 * written last, after idempotency has released its record:
 *
 *   problem responses   onError: any error → RFC 9457 problem (+ request log)
 *   logger / tracer (Powertools; metrics are single EMF lines per outcome)
 *   prepare             route → role → body guards + JSON → zod   (nothing written yet)
 *   idempotency         POST with Idempotency-Key: replay, 409 or 422
 *   handler             the operation
 *
 * One function serves several routes (one per concern, for least privilege);
 * it picks the operation by the API Gateway `routeKey`, or answers 404/405
 * for the `$default` route.
 */

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;

interface Prepared {
  readonly route: RouteDefinition;
  readonly operation: Operation;
  readonly request: OperationRequest<unknown, unknown, unknown>;
  readonly startedAt: number;
}

type ApiContext = Context & { prepared?: Prepared };

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

/** One log line per request: what, who (role only), outcome and duration. Never tokens or bodies. */
function logRequest(event: ApiEvent, context: ApiContext, status: number) {
  const prepared = context.prepared;
  const role = prepared?.request.actor?.role;
  logger.info('request', {
    method: event.requestContext.http.method,
    path: event.rawPath,
    route: prepared?.route.operation ?? event.routeKey,
    status,
    ...(role && { role }),
    ...(prepared && { durationMs: Date.now() - prepared.startedAt }),
  });
}

function countOutcome(context: ApiContext, status: number) {
  const prepared = context.prepared;
  const name =
    status === 409
      ? 'Conflicts'
      : status === 201 && prepared?.route.operation === 'recordSignature'
        ? 'SignaturesRecorded'
        : status === 200 && prepared?.route.function === 'pdf'
          ? 'PdfsRendered'
          : undefined;
  if (!name) return;
  const metric = metrics.singleMetric();
  metric.addDimension('role', prepared?.request.actor?.role ?? 'anonymous');
  metric.addMetric(name, MetricUnit.Count, 1);
}

/** A record its chain disowns: for the operators, never for the client (the problem says only that). */
function reportIntegrityFailure(error: IntegrityError) {
  logger.error('Integrity failure', {
    agreementId: error.agreementId,
    firstBadSeq: error.firstBadSeq,
    finding: error.finding,
    ...(error.fields.length > 0 && { fields: error.fields }),
  });
  const metric = metrics.singleMetric();
  metric.addMetric(INTEGRITY_FAILURES_METRIC, MetricUnit.Count, 1);
}

const problemResponses = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  after: (request) => {
    const status = request.response?.statusCode ?? 200;
    logRequest(request.event, request.context, status);
    countOutcome(request.context, status);
  },
  onError: (request) => {
    const requestId = requestIdOf(request.event);
    const { problem, headers } = toProblem(request.error, requestId);
    if (request.error instanceof IntegrityError) reportIntegrityFailure(request.error);
    else if (problem.status === 500)
      logger.error('Request failed', { requestId, error: request.error as Error });
    else if (problem.status >= 500)
      logger.warn('Storage unavailable', { requestId, error: request.error as Error });
    request.response = {
      statusCode: problem.status,
      headers: {
        'content-type': 'application/problem+json; charset=utf-8',
        'x-request-id': requestId,
        ...headers,
      },
      body: JSON.stringify(problem),
    };
    logRequest(request.event, request.context, problem.status);
    countOutcome(request.context, problem.status);
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

/** Everything that can refuse a request without touching storage. */
const prepare = (
  ownRoutes: readonly RouteDefinition[],
  operations: Readonly<Record<string, Operation>>,
): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: ({ event, context }) => {
    const startedAt = Date.now();
    metrics.captureColdStartMetric();
    const { route, pathParameters } = resolveRoute(event, ownRoutes);
    logger.appendKeys({ requestId: requestIdOf(event), route: route.operation });
    const operation = operations[route.operation]!;
    const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } })
      .authorizer?.jwt?.claims;
    const actor: Actor | undefined =
      route.roles === 'public' ? undefined : actorFromClaims(claims, route.roles);
    const body =
      route.method !== 'POST'
        ? undefined
        : route.body === 'pdf'
          ? pdfBodyOf(event)
          : jsonBodyOf(event);
    const ifMatch = ifMatchOf(event.headers['if-match']);
    context.prepared = {
      route,
      operation,
      startedAt,
      request: {
        body:
          route.body === 'pdf'
            ? body
            : operation.body
              ? validate(operation.body, body, 'body')
              : undefined,
        query: operation.query
          ? validate(operation.query, event.queryStringParameters ?? {}, 'query')
          : undefined,
        path: operation.path ? validate(operation.path, pathParameters, 'path') : undefined,
        requestId: requestIdOf(event),
        headers: event.headers,
        ...(ifMatch && { ifMatch }),
        event,
        actor: actor as Actor,
      },
    };
  },
});

export interface ApiHandlerOptions {
  /**
   * `Idempotency-Key` handling for functions that write (see `idempotency.ts`);
   * passed in so that read-only functions do not load it.
   */
  readonly idempotency?: MiddlewareObj<ApiEvent, ApiResult>;
}

export function createApiHandler(
  functionName: FunctionName,
  operations: Readonly<Record<string, Operation>>,
  options: ApiHandlerOptions = {},
) {
  const ownRoutes = routes.filter((route) => route.function === functionName);
  for (const route of ownRoutes) {
    if (!operations[route.operation])
      throw new Error(`Function ${functionName} has no operation ${route.operation}`);
  }

  const handler = middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(problemResponses())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(prepare(ownRoutes, operations));
  if (options.idempotency) handler.use(options.idempotency);
  return handler.handler(async (_event, context) => {
    const { operation, request } = context.prepared!;
    return respond(await operation.run(request), request.requestId);
  });
}
