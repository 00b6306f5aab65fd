import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Role } from '../../shared/domain/types.js';
import { type LocalApi, startLocalApi } from '../../shared/local/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Request logs are for people running the server; tests read responses.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly bytes: Uint8Array;
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  readonly rawBody?: string | Uint8Array;
  readonly headers?: Record<string, string>;
}

export interface TestApi {
  readonly url: string;
  /** Where the local issuer keeps its signing key. */
  readonly dataDir: string;
  readonly tableName: string;
  readonly dynamoEndpoint: string;
  readonly local: LocalApi;
  /** A secretariat's token, the caller of most requests. */
  readonly secretariat: string;
  token(role: Role, party?: string): Promise<string>;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/**
 * The real local server (API Gateway emulation + Lambda handlers) on a fresh
 * table of the run's DynamoDB Local, driven over real HTTP.
 */
export async function startTestApi(
  options: { dynamoEndpoint?: string; portalDir?: string; signInTokenTtlSeconds?: number } = {},
): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'signing-tracker-test-'));
  const tableName = `test-${randomUUID().slice(0, 8)}`;
  const local = await startLocalApi({
    dataDir,
    tableName,
    dynamoEndpoint: options.dynamoEndpoint ?? inject('dynamoEndpoint'),
    ...(options.portalDir && { portalDir: options.portalDir }),
    ...(options.signInTokenTtlSeconds && { signInTokenTtlSeconds: options.signInTokenTtlSeconds }),
  });
  const secretariat = await local.issuer.mint({ role: 'secretariat' });
  const tokens = new Map([['secretariat:', secretariat]]);
  return {
    url: local.url,
    dataDir,
    tableName,
    dynamoEndpoint: local.dynamoEndpoint,
    local,
    secretariat,
    async token(role, party) {
      const key = `${role}:${party ?? ''}`;
      let token = tokens.get(key);
      if (!token) {
        token = await local.issuer.mint({ role, ...(party && { party }) });
        tokens.set(key, token);
      }
      return token;
    },
    async request(method, path, { token, body, rawBody, headers } = {}) {
      const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      const response = await fetch(local.url + path, {
        method,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(payload !== undefined && { body: payload }),
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const type = response.headers.get('content-type') ?? '';
      const text = new TextDecoder().decode(bytes);
      return {
        status: response.status,
        headers: response.headers,
        body: /^application\/(?:[\w.-]+\+)?json\b/.test(type) && text ? JSON.parse(text) : text,
        bytes,
      };
    },
    async close() {
      await local.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The test API of one test file: started before its tests (ahead of the
 * file's own `beforeAll` hooks, which may use it) and closed after them.
 */
export function useTestApi(): TestApi {
  let current: TestApi | undefined;
  beforeAll(async () => {
    current = await startTestApi();
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as TestApi, {
    get(_target, property) {
      if (!current) throw new Error('The test API starts in beforeAll; use it in hooks and tests.');
      const value = current[property as keyof TestApi];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
