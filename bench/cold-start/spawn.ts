import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { apiGatewayClaims } from '../../shared/local/apigw-event.js';

/** Fresh-process invocations of a bundle, timed from spawn to response. */

const INVOKE = fileURLToPath(new URL('./invoke.mjs', import.meta.url));

export interface ColdStart {
  /** Spawn → the handler's response, measured by the parent. */
  readonly wallMs: number;
  readonly statusCode: number | undefined;
  /** What the child saw: Node's own start-up, the bundle's import, the first invocation. */
  readonly bootMs: number;
  readonly importMs: number;
  readonly invokeMs: number;
  /** VmHWM: peak resident set of the process image (see invoke.mjs). */
  readonly peakRssKb: number;
  readonly cpuMs: number;
  /** Spawn → the child's clock origin (fork/exec of the Node binary), from the two clocks. */
  readonly spawnMs: number;
}

/** Without `eventFile` the child only imports the bundle; `node` is the binary that runs it. */
export function spawnInvoke(
  bundle: string,
  eventFile: string | undefined,
  env: Record<string, string>,
  node = process.execPath,
): Promise<ColdStart> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const startedEpoch = performance.timeOrigin + started;
    const child = spawn(node, [INVOKE, bundle, ...(eventFile ? [eventFile] : [])], {
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let report = '';
    let stderr = '';
    let wallMs: number | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      wallMs ??= performance.now() - started;
      report += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (wallMs === undefined || !report.trim()) {
        reject(new Error(`${bundle} gave no response (exit ${code}): ${stderr}`));
        return;
      }
      const measured = JSON.parse(report) as Omit<ColdStart, 'wallMs' | 'spawnMs'> & {
        timeOrigin: number;
      };
      const { timeOrigin, ...rest } = measured;
      resolve({ ...rest, wallMs, spawnMs: timeOrigin - startedEpoch });
    });
  });
}

export interface EventOptions {
  readonly method: 'GET' | 'POST';
  /** Route key path, e.g. `/v1/agreements/{agreementId}`. */
  readonly route: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  /** Token payload as the authorizer verified it; API Gateway flattens it to strings. */
  readonly claims?: Record<string, unknown>;
}

/** An API Gateway HTTP API payload 2.0 event as the service receives it in AWS. */
export function apiGatewayEvent(options: EventOptions): APIGatewayProxyEventV2 {
  let rawPath = options.route;
  for (const [name, value] of Object.entries(options.pathParameters ?? {})) {
    rawPath = rawPath.replace(`{${name}}`, encodeURIComponent(value));
  }
  const rawQueryString = new URLSearchParams(options.query ?? {}).toString();
  const now = new Date();
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const routeKey = `${options.method} ${options.route}`;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers: {
      accept: '*/*',
      host: 'abc123.execute-api.eu-central-1.amazonaws.com',
      'user-agent': 'bench/1.0',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'https',
      ...(body !== undefined && {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      }),
      ...(options.claims && { authorization: 'Bearer eyJ…' }),
    },
    ...(options.query && { queryStringParameters: options.query }),
    ...(options.pathParameters && { pathParameters: options.pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'abc123',
      ...(options.claims && {
        authorizer: {
          jwt: { claims: apiGatewayClaims(options.claims), scopes: null },
        },
      }),
      domainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: options.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench/1.0',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body !== undefined && { body }),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

/** Claims of an ID token of the role (what the Cognito authorizer passes on). */
export function idTokenClaims(role: 'secretariat' | 'auditor' | 'member', party?: string) {
  const iat = Math.floor(Date.now() / 1000);
  return {
    sub: `bench-${role}`,
    'cognito:groups': [role],
    ...(party && { 'custom:party': party }),
    token_use: 'id',
    iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_bench',
    aud: 'bench-client',
    iat,
    exp: iat + 3600,
  };
}
