/**
 * Where the import part of a cold start goes: bundles cumulative slices of
 * a function's dependencies the way the CDK stack bundles functions, and
 * imports each in fresh Node processes (interleaved, median of several),
 * so that each row's increment is the cost of what it adds. The last rows
 * are the real function entries.
 *
 *   npx tsx bench/cold-start/attribution.ts [rounds]
 *
 * A tool for investigating, not part of `npm run bench`; it needs no
 * DynamoDB (imports only; the SDK makes no request at import).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDF_LAZY_MODULES } from '../../cdk/constructs/bundle-options.js';
import { fmt, summarize } from '../lib/stats.js';
import { bundleLikeCdk, REPO_ROOT } from './bundles.js';
import { spawnInvoke } from './spawn.js';

const rounds = Number(process.argv[2] ?? 9);
const dir = mkdtempSync(join(tmpdir(), 'bench-attribution-'));

const HELLO = `import middy from '@middy/core'; export const handler = middy().handler(async () => ({ statusCode: 200 }));`;
const SDK = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));`;
const ZOD = `import * as z from 'zod'; export const schema = z.strictObject({ a: z.string().min(1) });`;
const LOGGER = `import { Logger } from '@aws-lambda-powertools/logger'; import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'; import { Metrics } from '@aws-lambda-powertools/metrics'; export const o = [new Logger(), injectLambdaContext, new Metrics({ namespace: 'x' })];`;
const IDEMPOTENCY = `import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware'; import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb'; export const i = [makeHandlerIdempotent, DynamoDBPersistenceLayer];`;
const PDF_LIB = `import { PDFDocument } from 'pdf-lib'; export const p = PDFDocument;`;

interface Layer {
  readonly name: string;
  /** The row an increment is measured against (default: the previous cumulative layer). */
  readonly base?: string;
  readonly code?: string;
  readonly entry?: string;
  readonly external?: readonly string[];
}

const cumulative = (...parts: string[]) => parts.join('\n');
const layers: Layer[] = [
  { name: 'node + middy hello (the floor)', code: HELLO },
  { name: '+ DynamoDB document client', code: cumulative(HELLO, SDK) },
  { name: '+ zod (classic API)', code: cumulative(HELLO, SDK, ZOD) },
  { name: '+ Powertools logger, metrics', code: cumulative(HELLO, SDK, ZOD, LOGGER) },
  {
    name: '+ Powertools idempotency',
    code: cumulative(HELLO, SDK, ZOD, LOGGER, IDEMPOTENCY),
  },
  {
    name: 'functions/reads.ts (whole function)',
    base: '+ Powertools idempotency',
    entry: 'functions/reads.ts',
  },
  {
    name: '+ pdf-lib',
    base: '+ Powertools idempotency',
    code: cumulative(HELLO, SDK, ZOD, LOGGER, IDEMPOTENCY, PDF_LIB),
  },
  {
    name: 'functions/pdf.ts (whole function)',
    base: '+ pdf-lib',
    entry: 'functions/pdf.ts',
    // fontkit stays out of the bundle, as in the stack: only joining text imports it.
    external: PDF_LAZY_MODULES,
  },
];

const bundles: { layer: Layer; file: string; bytes: number }[] = [];
for (const [index, layer] of layers.entries()) {
  const out = join(dir, String(index));
  mkdirSync(out, { recursive: true });
  let entry = layer.entry && join(REPO_ROOT, layer.entry);
  if (!entry) {
    entry = join(REPO_ROOT, `bench/.attribution-${process.pid}-${index}.mjs`);
    writeFileSync(entry, `${layer.code}\n`);
  }
  try {
    await bundleLikeCdk(entry, out, { external: layer.external ?? [] });
  } finally {
    if (!layer.entry) rmSync(entry, { force: true });
  }
  const file = join(out, 'index.mjs');
  bundles.push({ layer, file, bytes: statSync(file).size });
}

const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  AWS_REGION: 'eu-central-1',
  TABLE_NAME: 'attribution',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const samples = bundles.map(() => ({
  wall: [] as number[],
  cpu: [] as number[],
  imp: [] as number[],
}));
for (const bundle of bundles) await spawnInvoke(bundle.file, undefined, env);
for (let round = 0; round < rounds; round++) {
  for (let j = 0; j < bundles.length; j++) {
    const index = (round + j) % bundles.length;
    const bundle = bundles[index]!;
    const sample = await spawnInvoke(bundle.file, undefined, env);
    samples[index]!.wall.push(sample.wallMs);
    samples[index]!.cpu.push(sample.cpuMs);
    samples[index]!.imp.push(sample.importMs);
  }
}
rmSync(dir, { recursive: true, force: true });

process.stdout.write(
  `Import-only cold start by layer, ${rounds} fresh processes each (median; CPU = the process's user+system time)\n\n`,
);
process.stdout.write(
  `| layer | bundle | spawn→imported | import | process CPU | CPU vs base | base |\n|---|---|---|---|---|---|---|\n`,
);
const cpuOf = new Map<string, number>();
let previous: string | undefined;
for (const [index, bundle] of bundles.entries()) {
  const wall = summarize(samples[index]!.wall).median;
  const cpu = summarize(samples[index]!.cpu).median;
  const imported = summarize(samples[index]!.imp).median;
  cpuOf.set(bundle.layer.name, cpu);
  const base = bundle.layer.base ?? previous;
  const baseCpu = base === undefined ? undefined : cpuOf.get(base);
  const delta = baseCpu === undefined ? undefined : cpu - baseCpu;
  const added = delta === undefined ? '' : `${delta >= 0 ? '+' : ''}${fmt(delta)} ms`;
  process.stdout.write(
    `| ${bundle.layer.name} | ${(bundle.bytes / 1024).toFixed(0)} KB | ${fmt(wall)} ms | ${fmt(imported)} ms | ${fmt(cpu)} ms | ${added} | ${base ?? ''} |\n`,
  );
  if (!bundle.layer.entry) previous = bundle.layer.name;
}
