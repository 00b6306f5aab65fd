import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ParameterReadError,
  parametersExtension,
} from '../../../shared/seal/parameters-extension.js';
import { isServiceUnavailable } from '../../../shared/store/errors.js';

/**
 * The reader against a local HTTP server that answers as the Parameters and
 * Secrets extension does: GetParameter's JSON for a parameter it can read,
 * SSM's error (with its status) for one it cannot.
 */
let server: Server;
let port: number;
const seen: IncomingMessage[] = [];
let startingCalls = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request);
    const name = new URL(request.url ?? '', 'http://localhost').searchParams.get('name');
    if (request.headers['x-aws-parameters-secrets-token'] !== 'session-token') {
      response.writeHead(401).end('missing token');
    } else if (name === '/signing-tracker/seal/certificate') {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ Parameter: { Name: name, Type: 'String', Value: 'PEM…' } }));
    } else if (name === '/throttled') {
      response.writeHead(400).end('ThrottlingException: Rate exceeded');
    } else if (name === '/gateway') {
      response.writeHead(502).end('Bad Gateway');
    } else if (name === '/starting' && ++startingCalls === 1) {
      response.writeHead(400).end('extension not ready');
    } else if (name === '/starting') {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ Parameter: { Name: name, Type: 'String', Value: 'ready' } }));
    } else {
      response.writeHead(400).end('ParameterNotFound');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const reader = (env: NodeJS.ProcessEnv = {}) =>
  parametersExtension({
    PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port),
    AWS_SESSION_TOKEN: 'session-token',
    ...env,
  });

describe('reading a parameter through the Parameters and Secrets extension', () => {
  test("GETs it by name on the extension's port with the session token, and gives its value", async () => {
    await expect(reader()('/signing-tracker/seal/certificate')).resolves.toBe('PEM…');
    expect(seen.at(-1)?.url).toBe(
      '/systemsmanager/parameters/get?name=%2Fsigning-tracker%2Fseal%2Fcertificate',
    );
  });

  test("a refusal keeps the extension's status; only a transient one is retryable (a 503 upstream)", async () => {
    const missing = reader()('/no-such-parameter');
    await expect(missing).rejects.toBeInstanceOf(ParameterReadError);
    await expect(missing).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
    expect(isServiceUnavailable(await missing.catch((error) => error))).toBe(false);
    const unauthorised = await reader({ AWS_SESSION_TOKEN: 'other' })('/x').catch((e) => e);
    expect(unauthorised.$metadata.httpStatusCode).toBe(401);
    expect(isServiceUnavailable(unauthorised)).toBe(false);
    // SSM's throttling arrives as a 400, a failing upstream as a 5xx: both tried twice, then 503.
    for (const [name, status] of [
      ['/throttled', 400],
      ['/gateway', 502],
    ] as const) {
      const before = seen.length;
      const error = await reader()(name).catch((e) => e);
      expect(seen.length - before, name).toBe(2);
      expect(error.$metadata.httpStatusCode).toBe(status);
      expect(isServiceUnavailable(error)).toBe(true);
    }
  });

  test('an extension still starting is asked again, and its second answer is taken', async () => {
    await expect(reader()('/starting')).resolves.toBe('ready');
    expect(startingCalls).toBe(2);
  });

  test('no extension listening is a network error, which is retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await reader({ PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(closedPort) })(
      '/x',
    ).catch((e) => e);
    expect(error.code).toBe('ECONNREFUSED');
    expect(isServiceUnavailable(error)).toBe(true);
  });
});
