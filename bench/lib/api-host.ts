/**
 * Child process that runs the project's local API (`startLocalApi`: the API
 * Gateway emulation in front of the real Lambda handlers) for one table of
 * a DynamoDB Local the parent started. It runs apart from the load
 * generator so that client and server do not share an event loop, and so
 * that each table gets its own module instances (the functions read
 * TABLE_NAME when they load).
 *
 * argv: <dynamoEndpoint> <tableName> <dataDir>. Talks to the parent over IPC:
 * sends `{ ready, url, tokens }`, answers `usage` with its CPU and memory
 * use, and closes on `stop` or when the parent goes away.
 */
import { startLocalApi } from '../../shared/local/server.js';

export interface HostReady {
  readonly kind: 'ready';
  readonly url: string;
  readonly tokens: { secretariat: string; auditor: string; member: string };
}

export interface HostUsage {
  readonly kind: 'usage';
  /** CPU time of the whole process since it started, in ms. */
  readonly cpuMs: number;
  readonly rssBytes: number;
  readonly maxRssKb: number;
}

const [endpoint, tableName, dataDir] = process.argv.slice(2);
if (!endpoint || !tableName || !dataDir || !process.send) {
  throw new Error('usage: api-host.ts <dynamoEndpoint> <tableName> <dataDir> (forked with IPC)');
}

const api = await startLocalApi({ dataDir, tableName, dynamoEndpoint: endpoint });
const ready: HostReady = {
  kind: 'ready',
  url: api.url,
  tokens: {
    secretariat: await api.issuer.mint({ role: 'secretariat', sub: 'bench-secretariat' }),
    auditor: await api.issuer.mint({ role: 'auditor', sub: 'bench-auditor' }),
    member: await api.issuer.mint({ role: 'member', party: 'KAZ', sub: 'bench-member' }),
  },
};
process.send(ready);

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  await api.close();
  process.exit(0);
}

process.on('message', (message: { kind?: string }) => {
  if (message.kind === 'usage') {
    const cpu = process.cpuUsage();
    const usage: HostUsage = {
      kind: 'usage',
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBytes: process.memoryUsage().rss,
      maxRssKb: process.resourceUsage().maxRSS,
    };
    process.send?.(usage);
  } else if (message.kind === 'stop') {
    void close();
  }
});
process.on('disconnect', () => void close());
