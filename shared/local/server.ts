import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { LAMBDA_FUNCTIONS } from '../contract/functions.js';
import { type FunctionName, routeKeyOf } from '../contract/route.js';
import { routes } from '../contract/routes.js';
import { PayloadTooLargeError } from '../http/errors.js';
import { toProblem } from '../http/problem.js';
import { matchRoute } from '../http/route-match.js';
import { openLocalSealKey } from '../seal/local-seal-key.js';
import { ensureTable } from '../store/table-definition.js';
import { apiGatewayClaims, lambdaContext, toApiGatewayEvent } from './apigw-event.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { type LocalIssuer, openLocalIssuer } from './local-issuer.js';
import { createLocalOidc } from './local-oidc.js';
import { createPortalSite } from './portal-site.js';

/**
 * The local API: plays API Gateway (routing by the shared route table, JWT
 * checks, payload 2.0 events) in front of the very Lambda handlers that run
 * in AWS, and starts DynamoDB Local unless told to use another endpoint.
 */

type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway HTTP APIs refuse payloads over 10 MB before any Lambda runs. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

export interface LocalApiOptions {
  readonly dataDir: string;
  readonly tableName: string;
  readonly port?: number;
  readonly host?: string;
  /** Use this DynamoDB instead of starting DynamoDB Local. */
  readonly dynamoEndpoint?: string;
  /** The portal's production build to serve at `/` (e.g. `web/dist`); none if left out. */
  readonly portalDir?: string;
  /** Lifetime of ID tokens from the local sign-in (default one hour). */
  readonly signInTokenTtlSeconds?: number;
}

export interface LocalApi {
  readonly url: string;
  readonly port: number;
  readonly dynamoEndpoint: string;
  readonly issuer: LocalIssuer;
  close(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A function's Lambda entry, from the file the route table names (the one CDK bundles). */
async function loadHandler(name: FunctionName): Promise<LambdaHandler> {
  const entry = pathToFileURL(join(REPO_ROOT, LAMBDA_FUNCTIONS[name].entry)).href;
  const module = (await import(/* @vite-ignore */ entry)) as { handler: LambdaHandler };
  return module.handler;
}

class BodyTooLargeError extends Error {}

/**
 * The request body, up to the gateway's limit. A larger body is read to its
 * end and dropped before the 413 goes out: a client still sending when the
 * socket closed would see a reset instead of the answer.
 */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY) chunks.push(chunk);
    });
    request.on('end', () =>
      size > GATEWAY_MAX_BODY ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });
}

function sendProblem(response: ServerResponse, error: Error): void {
  const requestId = randomUUID();
  const { problem, headers } = toProblem(error, requestId);
  response.writeHead(problem.status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'x-request-id': requestId,
    ...headers,
    ...(error instanceof PayloadTooLargeError && { connection: 'close' }),
  });
  response.end(JSON.stringify(problem));
}

function sendResult(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}

/**
 * The JWT authorizer refused the request. In AWS it answers by itself,
 * before any Lambda runs, and its answer cannot be customised: `401`,
 * `{"message":"Unauthorized"}` and a `WWW-Authenticate` challenge, with
 * API Gateway's `apigw-requestid` and no `x-request-id`.
 */
class AuthorizerRefusal extends Error {
  constructor(readonly challenge: string) {
    super('Unauthorized');
  }
}

function sendAuthorizerRefusal(response: ServerResponse, refusal: AuthorizerRefusal): void {
  response.writeHead(401, {
    'content-type': 'application/json',
    'www-authenticate': refusal.challenge,
    'apigw-requestid': randomUUID(),
  });
  response.end(JSON.stringify({ message: 'Unauthorized' }));
}

async function bearerClaims(
  issuer: LocalIssuer,
  authorization: string | undefined,
): Promise<Record<string, string>> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  // RFC 6750 §3.1: no credentials, a bare challenge; bad credentials, invalid_token.
  if (!token) throw new AuthorizerRefusal('Bearer');
  try {
    return apiGatewayClaims(await issuer.verify(token));
  } catch {
    throw new AuthorizerRefusal('Bearer error="invalid_token"');
  }
}

/**
 * The table, DynamoDB endpoint and seal key the handlers of this process were
 * configured with. A function module builds its clients once, from the
 * environment, like a Lambda container; a second local API in the same
 * process would silently serve the first one's table.
 */
let processBinding: string | undefined;

function bindProcess(tableName: string, dynamoEndpoint: string, dataDir: string): void {
  const binding = JSON.stringify({ tableName, dynamoEndpoint, dataDir });
  if (processBinding && processBinding !== binding)
    throw new Error(
      `This process already serves ${processBinding}: one local API per process, since each function module keeps the clients it built on first load.`,
    );
  processBinding = binding;
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const dynamo = options.dynamoEndpoint
    ? undefined
    : await startDynamoDbLocal({ dbPath: ensureDir(join(options.dataDir, 'dynamodb')) });
  const dynamoEndpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
  try {
    bindProcess(options.tableName, dynamoEndpoint, options.dataDir);
    process.env.TABLE_NAME = options.tableName;
    // EMF metrics are for CloudWatch; on a workstation they would only clutter the log.
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    process.env.DYNAMODB_ENDPOINT = dynamoEndpoint;
    const admin = new DynamoDBClient({
      endpoint: dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(admin, options.tableName);
    admin.destroy();
    // The seal's key and certificate: made on first start, kept in DATA_DIR after.
    process.env.SEAL_KEY_DIR = join(options.dataDir, 'seal');
    await openLocalSealKey(process.env.SEAL_KEY_DIR);

    const issuer = await openLocalIssuer(options.dataDir);
    const signIn = createLocalOidc({
      issuer,
      ...(options.signInTokenTtlSeconds && { tokenTtlSeconds: options.signInTokenTtlSeconds }),
    });
    const portal = options.portalDir ? createPortalSite(options.portalDir) : undefined;
    // Each function module is loaded on its first request, as a Lambda cold-starts on its first invoke.
    const handlers = new Map<FunctionName, Promise<LambdaHandler>>();
    const handlerOf = (name: FunctionName) => {
      let handler = handlers.get(name);
      if (!handler) {
        handler = loadHandler(name);
        handlers.set(name, handler);
      }
      return handler;
    };

    const server = createServer((request, response) => {
      handle(request, response).catch((error: unknown) => {
        if (error instanceof AuthorizerRefusal) return sendAuthorizerRefusal(response, error);
        // Anything else is a bug of the server itself.
        console.error('local server: request failed', error);
        if (!response.headersSent) sendProblem(response, error as Error);
      });
    });

    async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      const path = (request.url ?? '/').split('?')[0]!;
      let body: Buffer;
      try {
        body = await readBody(request);
      } catch (error) {
        if (error instanceof BodyTooLargeError)
          return sendProblem(
            response,
            new PayloadTooLargeError('The body exceeds the gateway limit of 10 MB.'),
          );
        throw error;
      }
      if (portal?.handle(request, response)) return;
      if (await signIn.handle(request, response, body)) return;
      const match = matchRoute(routes, request.method ?? 'GET', path);
      const route = match.kind === 'route' ? match.route : undefined;
      const claims =
        route && route.roles !== 'public'
          ? await bearerClaims(issuer, request.headers.authorization)
          : undefined;
      const event = toApiGatewayEvent({
        request,
        body,
        // As API Gateway: a HEAD request matches the route's own HEAD route key.
        routeKey: route
          ? routeKeyOf({ method: request.method ?? 'GET', path: route.path })
          : '$default',
        ...(match.kind === 'route' && { pathParameters: match.pathParameters }),
        ...(claims && { claims }),
      });
      const functionName = route?.function ?? 'public';
      const result = await (await handlerOf(functionName))(
        event,
        lambdaContext(functionName, event.requestContext.requestId, 29_000),
      );
      sendResult(response, result);
    }

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://${options.host ?? '127.0.0.1'}:${port}`,
      port,
      dynamoEndpoint,
      issuer,
      async close() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await dynamo?.stop();
      },
    };
  } catch (error) {
    await dynamo?.stop();
    throw error;
  }
}

function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
