import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type ColdStart, spawnInvoke } from '../cold-start/spawn.js';
import { type FigureResult, type Row, verdict } from '../lib/report.js';
import {
  fmt,
  formatBytes,
  formatMs,
  formatRatio,
  ratio,
  round,
  type Summary,
  summarize,
} from '../lib/stats.js';

/**
 * Figure 2: cold start of each function's bundle as the CDK stack builds
 * it, in a fresh Node process per sample (spawn → import → first event
 * served), against a minimal Middy handler bundled the same way. Rounds
 * interleave all bundles in rotating order; one discarded warm-up process
 * per bundle first (so that every bundle file is in the page cache, as
 * Lambda's would be on its own disk).
 */

export interface Subject {
  readonly name: string;
  readonly entry: string;
  readonly env: Record<string, string>;
  readonly bundleBytes: number;
  readonly assetBytes: number;
  readonly memorySize?: number;
  /** The event of sample `i` (writes need a fresh party for each). */
  readonly event: (i: number) => APIGatewayProxyEventV2;
  readonly route: string;
}

export interface ColdStartOptions {
  readonly subjects: readonly Subject[];
  /** The floor of the goals: a minimal Middy handler. */
  readonly hello: Subject;
  /** An informative floor: hello plus the DynamoDB client and one GetItem. */
  readonly sdkFloor: Subject;
  readonly rounds: number;
  readonly workDir: string;
  /** Another Node binary than this one (Lambda's major), named in the rows. */
  readonly node?: { readonly path: string; readonly label: string };
}

export interface SubjectResult {
  readonly route: string;
  readonly bundleBytes: number;
  readonly assetBytes: number;
  readonly memorySize?: number;
  readonly wallMs: Summary;
  /** Spawn → the child's clock origin (fork/exec), then Node's start-up, import, first event. */
  readonly spawnMs: Summary;
  readonly bootMs: Summary;
  readonly importMs: Summary;
  readonly invokeMs: Summary;
  readonly peakRssKb: Summary;
  readonly cpuMs: Summary;
  readonly statusCodes: Record<string, number>;
  readonly error?: string;
}

/** Runs a subject once: event to a file, fresh process, its measurements. */
export async function invokeFresh(
  subject: Subject,
  i: number,
  workDir: string,
  node?: string,
): Promise<ColdStart> {
  const eventFile = join(workDir, `${subject.name}-${i}.json`);
  writeFileSync(eventFile, JSON.stringify(subject.event(i)));
  return spawnInvoke(subject.entry, eventFile, subject.env, node);
}

export async function measureColdStarts(
  subjects: readonly Subject[],
  rounds: number,
  workDir: string,
  node?: string,
): Promise<Record<string, SubjectResult>> {
  const samples = new Map<string, ColdStart[]>(subjects.map((s) => [s.name, []]));
  const errors = new Map<string, string>();
  const counters = new Map<string, number>();
  const runOne = async (subject: Subject, keep: boolean) => {
    if (errors.has(subject.name)) return;
    const i = counters.get(subject.name) ?? 0;
    counters.set(subject.name, i + 1);
    try {
      const sample = await invokeFresh(subject, i, workDir, node);
      if (keep) samples.get(subject.name)!.push(sample);
    } catch (error) {
      errors.set(subject.name, (error as Error).message.split('\n').slice(0, 12).join('\n'));
    }
  };
  for (const subject of subjects) await runOne(subject, false);
  for (let round = 0; round < rounds; round++) {
    for (let j = 0; j < subjects.length; j++) {
      await runOne(subjects[(round + j) % subjects.length]!, true);
    }
  }
  const results: Record<string, SubjectResult> = {};
  for (const subject of subjects) {
    const list = samples.get(subject.name)!;
    const statusCodes: Record<string, number> = {};
    for (const sample of list) {
      const key = String(sample.statusCode);
      statusCodes[key] = (statusCodes[key] ?? 0) + 1;
    }
    const error = errors.get(subject.name);
    results[subject.name] = {
      route: subject.route,
      bundleBytes: subject.bundleBytes,
      assetBytes: subject.assetBytes,
      ...(subject.memorySize && { memorySize: subject.memorySize }),
      wallMs: summarize(list.map((s) => s.wallMs)),
      spawnMs: summarize(list.map((s) => s.spawnMs)),
      bootMs: summarize(list.map((s) => s.bootMs)),
      importMs: summarize(list.map((s) => s.importMs)),
      invokeMs: summarize(list.map((s) => s.invokeMs)),
      peakRssKb: summarize(list.map((s) => s.peakRssKb)),
      cpuMs: summarize(list.map((s) => s.cpuMs)),
      statusCodes,
      ...(error && { error }),
    };
  }
  return results;
}

/** The line of an error report that says what went wrong. */
export const errorLine = (error: string) =>
  error.split('\n').find((line) => /^\w*Error\b/.test(line.trim())) ?? error.split('\n')[0] ?? '';

const cpu = (result: SubjectResult) => `CPU ${fmt(result.cpuMs.median)} ms`;

export async function coldStartFigure(options: ColdStartOptions): Promise<FigureResult> {
  const all = [options.hello, options.sdkFloor, ...options.subjects];
  const results = await measureColdStarts(all, options.rounds, options.workDir, options.node?.path);
  const on = options.node ? ` on ${options.node.label}` : '';
  const hello = results[options.hello.name]!;
  const sdkFloor = results[options.sdkFloor.name]!;
  const rows: Row[] = [];
  const ratios: Record<string, { wall: number; cpu: number; wallToSdkFloor: number }> = {};
  const helloText = `hello ${formatMs(hello.wallMs)}; ${cpu(hello)}; ${formatBytes(hello.bundleBytes)}`;
  for (const subject of [options.sdkFloor, ...options.subjects]) {
    const result = results[subject.name]!;
    const wall = ratio(result.wallMs.median, hello.wallMs.median);
    const cpuRatio = ratio(result.cpuMs.median, hello.cpuMs.median);
    const toSdk = ratio(result.wallMs.median, sdkFloor.wallMs.median);
    ratios[subject.name] = {
      wall: round(wall, 3),
      cpu: round(cpuRatio, 3),
      wallToSdkFloor: round(toSdk, 3),
    };
    const isFloor = subject === options.sdkFloor;
    // Every goal is against the SDK floor (hello + one GetItem), which each function
    // needs anyway (issue #11: API functions ≤ 1.25×; #12: the PDF function ≤ 2.0×).
    const limit = subject.name === 'pdf' ? 2.0 : 1.25;
    const codes = Object.entries(result.statusCodes)
      .map(([code, count]) => `${count}×${code}`)
      .join(' ');
    rows.push({
      figure: '2',
      measure: isFloor
        ? `cold start floor: hello + DynamoDB GetItem${on}`
        : `cold start ${subject.name} (${subject.route})${on}`,
      project: result.error
        ? `FAILED: ${errorLine(result.error)}`
        : `${formatMs(result.wallMs)}; ${cpu(result)}; ${formatBytes(result.bundleBytes)} [${codes}]`,
      baseline: helloText,
      ratio: result.error
        ? 'n/a'
        : `${formatRatio(wall)} (CPU ${formatRatio(cpuRatio)}${isFloor ? '' : `; ${formatRatio(toSdk)} SDK floor`})`,
      goal: isFloor ? '' : `≤ ${limit.toFixed(2)}× SDK floor`,
      verdict: isFloor ? '' : result.error ? 'MISSED' : verdict(toSdk <= limit),
    });
  }
  return { rows, data: { rounds: options.rounds, results, ratios } };
}
