import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { type RouteContract, routeKeysOf } from '../contract/route.js';
import { ServiceUnavailableError } from '../domain/errors.js';
import { IntegrityError } from '../domain/record-integrity.js';
import { actorFromClaims, type Claims } from './auth.js';
import { ifMatchFor } from './conditional.js';
import { MethodNotAllowedError, RouteNotFoundError } from './errors.js';
import { INTEGRITY_FAILURES_METRIC } from './metric-names.js';
import { logger, metrics } from './observability.js';
import type { Operation, OperationRequest, OperationResult } from './operation.js';
import { toProblem } from './problem.js';
import { jsonBodyOf, pdfBodyOf } from './request-guards.js';
import { matchRoute } from './route-match.js';
import { validate } from './validation.js';

/**
 * The Middy stack every Lambda function of the API shares. `before` runs top
 * to bottom, `after`/`onError` bottom to top, so problem responses are
 * written last, after idempotency has released its record:
 *
 *   problem responses   onError: any error → RFC 9457 problem (+ request log)
 *   logger              Powertools (metrics are single EMF lines per outcome)
 *   prepare             route → role → body guards + JSON → zod   (nothing written yet)
 *   idempotency         POST with Idempotency-Key: replay, 409 or 422
 *   handler             the operation
 *
 * One function serves several routes (one per concern, for least privilege);
 * it picks the operation by the API Gateway `routeKey`, or answers 404/405
 * for the `$default` route. Routes, roles, schemas and metrics come from
 * the route table (`shared/contract/`).
 */

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;

interface Prepared {
  readonly route: RouteContract;
  readonly operation: Operation;
  readonly request: OperationRequest;
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

/** `Conflicts` on every route; the route's own metric when it answers that metric's status. */
function countOutcome(context: ApiContext, status: number) {
  const prepared = context.prepared;
  const own = prepared?.route.metric;
  const name = status === 409 ? 'Conflicts' : own?.status === status ? own.name : undefined;
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

/** HEAD: the response GET would get, status and headers, without its body (RFC 9110 §9.3.2). */
function withoutBodyForHead(event: ApiEvent, response: ApiResult): ApiResult {
  if (event.requestContext.http.method !== 'HEAD') return response;
  return { ...response, body: '', isBase64Encoded: false };
}

const problemResponses = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  after: (request) => {
    const status = request.response?.statusCode ?? 200;
    if (request.response) request.response = withoutBodyForHead(request.event, request.response);
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
    request.response = withoutBodyForHead(request.event, {
      statusCode: problem.status,
      headers: {
        'content-type': 'application/problem+json; charset=utf-8',
        'x-request-id': requestId,
        ...headers,
      },
      body: JSON.stringify(problem),
    });
    logRequest(request.event, request.context, problem.status);
    countOutcome(request.context, problem.status);
  },
});

async function resolveRoute(
  event: ApiEvent,
  ownRoutes: readonly RouteContract[],
  allRoutes: ApiHandlerOptions['allRoutes'],
): Promise<{ route: RouteContract; pathParameters: Record<string, string> }> {
  const byKey = ownRoutes.find((route) => routeKeysOf(route).includes(event.routeKey));
  if (byKey)
    return { route: byKey, pathParameters: (event.pathParameters as Record<string, string>) ?? {} };
  // The $default route: anything API Gateway did not match. Tell 404 from 405.
  const match = allRoutes
    ? matchRoute(await allRoutes(), event.requestContext.http.method, event.rawPath)
    : undefined;
  if (match?.kind === 'method-not-allowed') throw new MethodNotAllowedError(match.allowed);
  throw new RouteNotFoundError(
    `No route for ${event.requestContext.http.method} ${event.rawPath}.`,
  );
}

/** Everything that can refuse a request without touching storage. */
const prepare = (
  operations: Readonly<Record<string, Operation>>,
  allRoutes: ApiHandlerOptions['allRoutes'],
): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => {
  const ownRoutes = Object.values(operations).map((operation) => operation.route);
  return {
    before: async ({ event, context }) => {
      const startedAt = Date.now();
      metrics.captureColdStartMetric();
      const { route, pathParameters } = await resolveRoute(event, ownRoutes, allRoutes);
      logger.appendKeys({ requestId: requestIdOf(event), route: route.operation });
      const operation = operations[route.operation]!;
      const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } })
        .authorizer?.jwt?.claims;
      const actor = route.roles === 'public' ? undefined : actorFromClaims(claims, route.roles);
      const schemas = route.request;
      const body =
        route.method !== 'POST'
          ? undefined
          : schemas?.rawBody
            ? pdfBodyOf(event)
            : jsonBodyOf(event);
      const ifMatch = ifMatchFor(route, event.headers['if-match']);
      context.prepared = {
        route,
        operation,
        startedAt,
        request: {
          body: schemas?.rawBody
            ? body
            : schemas?.body
              ? validate(schemas.body, body, 'body')
              : undefined,
          query: schemas?.query
            ? validate(schemas.query, event.queryStringParameters ?? {}, 'query')
            : undefined,
          path: schemas?.path ? validate(schemas.path, pathParameters, 'path') : undefined,
          requestId: requestIdOf(event),
          headers: event.headers,
          ...(ifMatch && { ifMatch }),
          event,
          actor,
        } as OperationRequest,
      };
    },
  };
};

export interface ApiHandlerOptions {
  /**
   * `Idempotency-Key` handling for functions that write (see `idempotency.ts`);
   * passed in so that read-only functions do not load it.
   */
  readonly idempotency?: MiddlewareObj<ApiEvent, ApiResult>;
  /**
   * The whole route table, for the function that serves API Gateway's
   * `$default` route: it tells 404 from 405 for paths no route matched.
   * Loaded on first use, so that the function does not start with every
   * route's schemas; other functions answer an unknown route 404.
   */
  readonly allRoutes?: () => Promise<readonly RouteContract[]>;
}

/**
 * Time kept back from the function's timeout to answer a request that has not
 * finished with a 503 problem, rather than letting Lambda end it (a bare 500
 * from API Gateway). Middy's own default is 5 ms and a plain TimeoutError.
 */
const TIMEOUT_MARGIN_MS = 250;
const TIMEOUT_RETRY_AFTER_SECONDS = 2;

/**
 * The Lambda handler of one function: `ownRoutes` is its module of the
 * route table, `operations` one operation for each of those routes.
 */
export function createApiHandler<const R extends Readonly<Record<string, RouteContract>>>(
  ownRoutes: R,
  operations: { readonly [K in keyof R]: Operation },
  options: ApiHandlerOptions = {},
) {
  for (const [name, route] of Object.entries(ownRoutes)) {
    const operation = (operations as Readonly<Record<string, Operation | undefined>>)[name];
    if (!operation) throw new Error(`Function ${route.function} has no operation ${name}`);
    if (operation.route !== route)
      throw new Error(`Function ${route.function}: operation ${name} serves another route entry`);
  }

  const handler = middy<ApiEvent, ApiResult, Error, ApiContext>({
    timeoutEarlyInMillis: TIMEOUT_MARGIN_MS,
    timeoutEarlyResponse: () => {
      throw new ServiceUnavailableError(
        'The request did not finish in time. A change it carried may or may not have been recorded: send it again with the same Idempotency-Key, or read the current state.',
        TIMEOUT_RETRY_AFTER_SECONDS,
      );
    },
  })
    .use(problemResponses())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(prepare(operations as Readonly<Record<string, Operation>>, options.allRoutes));
  if (options.idempotency) handler.use(options.idempotency);
  return handler.handler(async (_event, context) => {
    const { operation, request } = context.prepared!;
    return respond(await operation.run(request), request.requestId);
  });
}
