/**
 * Where a cold start's CPU time goes, by package: bundles a function like
 * the CDK stack does but unminified (esbuild then marks each module with a
 * `// node_modules/…` comment), cold-starts it once under `--cpu-prof`, and
 * sums the profile's self time per module of the bundle.
 *
 *   npx tsx bench/cold-start/profile.ts <function | entry.ts> [event.json]
 *
 * Without an event file it serves GET /v1/health (public) or GET
 * /v1/conferences (others), on an empty table of a DynamoDB Local it starts
 * (unless DYNAMODB_ENDPOINT and TABLE_NAME are set). A tool for
 * investigating, not part of `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDynamoDbLocal } from '../../shared/local/dynamodb-local.js';
import { createTable } from '../lib/dynamo.js';
import { bundleLikeCdk, REPO_ROOT } from './bundles.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { apiGatewayEvent, idTokenClaims } from './spawn.js';

interface ProfileNode {
  id: number;
  callFrame: { url: string; lineNumber: number; functionName: string };
  /** Ticks per (1-based) line: splits a function's time, e.g. the bundle's top level, by module. */
  positionTicks?: { line: number; ticks: number }[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [name = 'reads', eventArg] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
const outfile = await bundleLikeCdk(
  name.endsWith('.ts') ? join(REPO_ROOT, name) : join(REPO_ROOT, 'functions', `${name}.ts`),
  dir,
  { minify: false },
);
const eventFile = eventArg ?? join(dir, 'event.json');
if (!eventArg) {
  const event =
    name === 'public'
      ? apiGatewayEvent({ method: 'GET', route: '/v1/health' })
      : apiGatewayEvent({
          method: 'GET',
          route: '/v1/conferences',
          claims: idTokenClaims('secretariat'),
        });
  writeFileSync(eventFile, JSON.stringify(event));
}
const dynamo = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
const endpoint = process.env.DYNAMODB_ENDPOINT ?? dynamo!.endpoint;
const tableName = process.env.TABLE_NAME ?? 'bench-profile';
const invoke = fileURLToPath(new URL('./invoke.mjs', import.meta.url));
let run: ReturnType<typeof spawnSync>;
try {
  if (dynamo) await createTable(endpoint, tableName);
  run = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200', invoke, outfile, eventFile],
    {
      env: {
        ...process.env,
        TABLE_NAME: tableName,
        DYNAMODB_ENDPOINT: endpoint,
        AWS_REGION: process.env.AWS_REGION ?? 'eu-central-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        PDF_FONT_DIR: join(REPO_ROOT, 'node_modules/dejavu-fonts-ttf/ttf'),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    },
  );
} finally {
  await dynamo?.stop();
}
const report = JSON.parse(String(run.output[3] ?? '{}')) as Record<string, number>;

// Module boundaries: esbuild's `// path` comments in the unminified bundle.
const lines = readFileSync(outfile, 'utf8').split('\n');
const starts: { line: number; module: string }[] = [];
lines.forEach((line, index) => {
  const match = /^\/\/ ((?:node_modules|shared|functions)\/\S+)$/.exec(line);
  if (match) starts.push({ line: index, module: match[1]! });
});
const packageOf = (module: string) => {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  return inModules ? inModules[1]! : module.split('/').slice(0, 2).join('/');
};
const moduleAt = (line: number) => {
  let low = 0;
  let high = starts.length - 1;
  let found = '(bundle prologue)';
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid]!.line <= line) {
      found = starts[mid]!.module;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
};

const profileFile = readdirSync(dir).find((file) => file.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(dir, profileFile), 'utf8')) as Profile;
const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
});
const selfByPackage = new Map<string, number>();
const add = (key: string, ms: number) => selfByPackage.set(key, (selfByPackage.get(key) ?? 0) + ms);
for (const node of profile.nodes) {
  const ms = selfMs.get(node.id);
  if (!ms) continue;
  const { url, lineNumber, functionName } = node.callFrame;
  if (!url.endsWith(outfile)) {
    add(
      url ? `node:${url.replace(/^node:/, '').split('/')[0]}` : `(${functionName || 'native'})`,
      ms,
    );
    continue;
  }
  const ticks = node.positionTicks ?? [];
  const totalTicks = ticks.reduce((sum, tick) => sum + tick.ticks, 0);
  if (totalTicks === 0) {
    add(packageOf(moduleAt(lineNumber)), ms);
    continue;
  }
  for (const tick of ticks) add(packageOf(moduleAt(tick.line - 1)), (ms * tick.ticks) / totalTicks);
}
const total = [...selfByPackage.values()].reduce((sum, ms) => sum + ms, 0);
process.stdout.write(
  `${name}: import ${report.importMs?.toFixed(0)} ms, first invoke ${report.invokeMs?.toFixed(0)} ms, status ${report.statusCode}; profiled ${total.toFixed(0)} ms\n`,
);
for (const [key, ms] of [...selfByPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  process.stdout.write(`  ${key.padEnd(48)} ${ms.toFixed(1).padStart(7)} ms\n`);
}
process.stdout.write(
  `\nThe profile (open it in Chrome DevTools, Performance): ${join(dir, profileFile)}\n`,
);
