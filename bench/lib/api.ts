import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostReady, HostUsage } from './api-host.js';

/** The local API in a child process (see api-host.ts), driven over loopback HTTP. */

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly bytes: number;
}

export interface BenchApi {
  readonly url: string;
  readonly tableName: string;
  readonly tokens: HostReady['tokens'];
  request(method: string, path: string, token?: string, body?: unknown): Promise<ApiResponse>;
  /** CPU (ms since start) and memory of the server process. */
  usage(): Promise<HostUsage>;
  stop(): Promise<void>;
}

const HOST = fileURLToPath(new URL('./api-host.ts', import.meta.url));

export async function startBenchApi(endpoint: string, tableName: string): Promise<BenchApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'signing-tracker-bench-'));
  const child: ChildProcess = fork(HOST, [endpoint, tableName, dataDir], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // One JSON log line per request, as in Lambda; written to /dev/null.
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<HostReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as HostReady));
    child.once('exit', (code) => reject(new Error(`API host exited (${code}): ${stderr}`)));
  });

  const request: BenchApi['request'] = async (method, path, token, body) => {
    const response = await fetch(ready.url + path, {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const buffer = new Uint8Array(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    const text = type.includes('json') ? new TextDecoder().decode(buffer) : '';
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      bytes: buffer.length,
    };
  };

  return {
    url: ready.url,
    tableName,
    tokens: ready.tokens,
    request,
    usage: () =>
      new Promise<HostUsage>((resolve) => {
        const onMessage = (message: { kind?: string }) => {
          if (message.kind !== 'usage') return;
          child.off('message', onMessage);
          resolve(message as HostUsage);
        };
        child.on('message', onMessage);
        child.send({ kind: 'usage' });
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ kind: 'stop' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fails loudly on an unexpected status during setup (setup is not measured). */
export async function expectStatus(
  pending: Promise<ApiResponse>,
  expected: number,
  what: string,
): Promise<ApiResponse> {
  const response = await pending;
  if (response.status !== expected) {
    throw new Error(
      `${what}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return response;
}
