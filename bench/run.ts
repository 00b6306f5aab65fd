/**
 * `npm run bench [-- --quick] [-- --only=1,3] [-- --cdk-out=DIR]`
 *
 * The performance benchmark (issue 5). Measures, never asserts: prints one
 * table and writes every figure to bench/results.json. It starts DynamoDB
 * Local (in memory) and the local API servers it needs, on loopback only,
 * and stops them. See docs/benchmarks.md for what each figure means.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { verificationCodeOf } from '../shared/domain/verification-code.js';
import { startDynamoDbLocal } from '../shared/local/dynamodb-local.js';
import { openLocalSealKey } from '../shared/seal/local-seal-key.js';
import { bundleLikeCdk, functionBundles, REPO_ROOT, synthesize } from './cold-start/bundles.js';
import { apiGatewayEvent, idTokenClaims } from './cold-start/spawn.js';
import { auditFigure } from './figures/audit.js';
import {
  coldStartFigure,
  measureColdStarts,
  type Subject,
  type SubjectResult,
} from './figures/cold-start.js';
import { memoryFigure } from './figures/memory.js';
import { conditionalPdfFigure, pdfFigure } from './figures/pdf.js';
import { sealFigure } from './figures/seal.js';
import { signatureFigure } from './figures/signature.js';
import { throughputFigure } from './figures/throughput.js';
import { type BenchApi, expectStatus, startBenchApi } from './lib/api.js';
import { createTable } from './lib/dynamo.js';
import { benchParties, benchStatus } from './lib/model.js';
import { type FigureResult, type Row, renderTable } from './lib/report.js';
import { createAgreement, createConference, decline, sign } from './lib/seed.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  process.stdout.write(`npm run bench [-- options]
  --quick           fewer repetitions, 10,000 instead of 100,000 audit events (about a minute)
  --only=1,3,…      only these figures (1 PDF, 2 cold start, 3 signature latency,
                    4 throughput, 5 audit, 6 memory, 7 seal, 8 PDF revalidation)
  --cdk-out=DIR     use the bundles of an existing synth (e.g. cdk.out) instead of synthesising
Writes bench/results.json; see docs/benchmarks.md.
`);
  process.exit(0);
}
const quick = args.includes('--quick');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const reuseCdkOut = args.find((arg) => arg.startsWith('--cdk-out='))?.slice('--cdk-out='.length);
const wants = (figure: string) => !only || only.includes(figure);

/** Repetitions: full run first, --quick second. */
const plan = {
  pdf: { sizes: [5, 50, 300], warmup: quick ? 1 : 3, rounds: quick ? 3 : 10 },
  seal: { sizes: [5, 300], warmup: quick ? 1 : 3, rounds: quick ? 5 : 20 },
  coldStartRounds: quick ? 3 : 7,
  memoryRounds: 3,
  signature: { warmup: quick ? 10 : 20, samples: quick ? 40 : 200, partiesPerAgreement: 50 },
  throughput: { agreements: 50, partiesPerAgreement: quick ? 8 : 40, connections: 32 },
  audit: { largeEvents: quick ? 10_000 : 100_000, warmup: 5, samples: quick ? 15 : 40 },
  revalidation: { warmup: 10, samples: quick ? 40 : 200 },
};

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const log = (message: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? '?';
  return {
    cpu: model,
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  };
}

const startedAt = new Date();
const workDir = mkdtempSync(join(tmpdir(), 'signing-tracker-bench-'));
const tablePrefix = `bench-${Date.now().toString(36)}`;
const figures: Record<string, unknown> = {};
const rows: Row[] = [];
const add = (name: string, result: FigureResult) => {
  figures[name] = result.data;
  rows.push(...result.rows);
};

/** Runs one figure; a failure becomes a FAILED row and the other figures still run. */
async function attempt(
  name: string,
  figure: string,
  run: () => Promise<FigureResult>,
  record = true,
): Promise<FigureResult | undefined> {
  try {
    const result = await run();
    if (record) add(name, result);
    return result;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    log(`${name} failed: ${(error as Error).stack ?? message}`);
    figures[name] = { error: (error as Error).stack ?? message };
    rows.push({
      figure,
      measure: name,
      project: `FAILED: ${message.slice(0, 160)}`,
      baseline: '',
      ratio: '',
      goal: '',
      verdict: 'MISSED',
    });
    return undefined;
  }
}

const cleanups: (() => Promise<void>)[] = [];
let interrupted = false;
async function cleanup() {
  for (const step of cleanups.reverse()) await step().catch(() => undefined);
  cleanups.length = 0;
  rmSync(workDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: stopping what the benchmark started…`);
    void cleanup().then(() => process.exit(130));
  });
}

const info = machine();
log(
  `${info.cpu}, ${info.cores} cores, Node ${info.node}, load ${info.loadAverageAtStart.join(' ')}${quick ? ' (quick)' : ''}`,
);

try {
  // ── bundles (figure 2 and 6): cdk synth into a directory of our own ──────
  let cdkOut = reuseCdkOut;
  if ((wants('2') || wants('6')) && !cdkOut) {
    cdkOut = join(workDir, 'cdk.out');
    log('cdk synth (esbuild bundles of every function)…');
    await synthesize(cdkOut);
  }

  // ── figure 1: PDF renderers, in this process, before anything else runs ──
  if (wants('1')) {
    log(`figure 1: PDF renderers, ${plan.pdf.rounds} rounds…`);
    await attempt('pdf', '1', () => pdfFigure(plan.pdf));
  }

  // ── figure 7: the seal, in this process too ──────────────────────────────
  // The key is made once here, so that no cold start below pays for making it.
  const sealKeyDir = join(workDir, 'seal');
  await openLocalSealKey(sealKeyDir);
  if (wants('7')) {
    log(`figure 7: sealing, ${plan.seal.rounds} rounds…`);
    await attempt('seal', '7', () => sealFigure({ ...plan.seal, keyDir: sealKeyDir }));
  }

  if (['2', '3', '4', '5', '6', '8'].some(wants)) {
    log('starting DynamoDB Local (in memory)…');
    const dynamo = await startDynamoDbLocal();
    cleanups.push(() => dynamo.stop());
    const endpoint = dynamo.endpoint;

    // ── one local API on the main table; the data the figures need ─────────
    const mainTable = `${tablePrefix}-main`;
    let api: BenchApi | undefined;
    const parties = benchParties(300);
    let conferenceId = '';
    if (['2', '3', '4', '6', '8'].some(wants)) {
      await createTable(endpoint, mainTable);
      api = await startBenchApi(endpoint, mainTable);
      const mainApi = api;
      cleanups.push(() => mainApi.stop());
      log('seeding: conference of 300 parties, agreements of 5, 50 and 300…');
      conferenceId = await createConference(api, parties);
    }

    // ── figures 2 and 6: cold starts and memory of the bundles ─────────────
    if (api && cdkOut && (wants('2') || wants('6'))) {
      const five = parties.slice(0, 5).map((party) => party.code);
      const agreement5 = await createAgreement(api, conferenceId, five);
      for (const [index, code] of five.slice(0, 3).entries())
        await sign(api, agreement5, code, index);
      await decline(api, agreement5, 'UZB');
      // The verification code of agreement5's summary as it stands: what the verify function looks up.
      const { chain } = (
        await expectStatus(
          api.request('GET', `/v1/agreements/${agreement5}`, api.tokens.secretariat),
          200,
          'read agreement',
        )
      ).body as { chain: { headSeq: number; headHash: string } };
      const code5 = verificationCodeOf({
        issuedFor: 'agreement',
        agreementId: agreement5,
        seq: chain.headSeq,
        headHash: chain.headHash,
      });
      const fifty = parties.slice(0, 50).map((party) => party.code);
      const writesAgreement = await createAgreement(api, conferenceId, fifty);
      let agreement300 = '';
      if (wants('6')) {
        agreement300 = await createAgreement(
          api,
          conferenceId,
          parties.map((party) => party.code),
        );
        for (const [index, party] of parties.entries()) {
          const status = benchStatus(index);
          if (status === 'signed') await sign(api, agreement300, party.code, index);
          if (status === 'declined') await decline(api, agreement300, party.code);
        }
      }

      const bundles = functionBundles(cdkOut);
      const baseEnv: Record<string, string> = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        AWS_REGION: 'eu-central-1',
        TZ: 'UTC',
        TABLE_NAME: mainTable,
        DYNAMODB_ENDPOINT: endpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        // The pdf function seals with the local key (in Lambda: KMS, by its alias).
        SEAL_KEY_DIR: sealKeyDir,
      };
      /** The template's environment, with /var/task (the asset root in Lambda) mapped to the asset directory. */
      const envOf = (variables: Record<string, string>, assetDir: string) => ({
        ...baseEnv,
        ...Object.fromEntries(
          Object.entries(variables).map(([name, value]) => [
            name,
            value.startsWith('/var/task') ? assetDir + value.slice('/var/task'.length) : value,
          ]),
        ),
      });
      const secretariat = idTokenClaims('secretariat');
      const events: Record<
        string,
        { route: string; event: (i: number) => ReturnType<typeof apiGatewayEvent> }
      > = {
        public: {
          route: 'GET /v1/health',
          event: () => apiGatewayEvent({ method: 'GET', route: '/v1/health' }),
        },
        reads: {
          route: 'GET /v1/conferences',
          event: () =>
            apiGatewayEvent({ method: 'GET', route: '/v1/conferences', claims: secretariat }),
        },
        writes: {
          route: 'POST …/signatories/{party}/signature',
          event: (i) => {
            const index = i % fifty.length;
            return apiGatewayEvent({
              method: 'POST',
              route: '/v1/agreements/{agreementId}/signatories/{party}/signature',
              pathParameters: { agreementId: writesAgreement, party: fifty[index]! },
              body: {
                signedBy: { name: 'Қасым-Жомарт Тоқаев', title: 'Президент' },
                signedAt: '2022-07-26T15:30:00+06:00',
                place: 'Чолпон-Ата',
              },
              claims: secretariat,
            });
          },
        },
        pdf: {
          route: 'GET …/summary.pdf, 5 signatories, member',
          event: () =>
            apiGatewayEvent({
              method: 'GET',
              route: '/v1/agreements/{agreementId}/summary.pdf',
              pathParameters: { agreementId: agreement5 },
              claims: idTokenClaims('member', 'KAZ'),
            }),
        },
        verify: {
          route: 'GET /v1/verifications/{code} (public)',
          event: () =>
            apiGatewayEvent({
              method: 'GET',
              route: '/v1/verifications/{code}',
              pathParameters: { code: code5 },
            }),
        },
        audit: {
          route: 'GET /v1/audit?limit=50, auditor',
          event: () =>
            apiGatewayEvent({
              method: 'GET',
              route: '/v1/audit',
              query: { limit: '50' },
              claims: idTokenClaims('auditor'),
            }),
        },
      };
      const subjects: Subject[] = bundles
        .filter((bundle) => events[bundle.name])
        .map((bundle) => ({
          name: bundle.name,
          entry: bundle.entry,
          env: envOf(bundle.environment, bundle.assetDir),
          bundleBytes: bundle.bundleBytes,
          assetBytes: bundle.assetBytes,
          memorySize: bundle.memorySize,
          route: events[bundle.name]!.route,
          event: events[bundle.name]!.event,
        }));
      const order = ['public', 'reads', 'writes', 'audit', 'verify', 'pdf'];
      subjects.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
      const helloDir = join(workDir, 'hello');
      mkdirSync(helloDir, { recursive: true });
      const helloEntry = await bundleLikeCdk(
        join(REPO_ROOT, 'bench/cold-start/hello.ts'),
        helloDir,
      );
      const commonEnv = bundles[0]?.environment ?? {};
      const hello: Subject = {
        name: 'hello',
        entry: helloEntry,
        env: envOf({ NODE_OPTIONS: commonEnv.NODE_OPTIONS ?? '' }, helloDir),
        bundleBytes: statSync(helloEntry).size,
        assetBytes: statSync(helloEntry).size + statSync(`${helloEntry}.map`).size,
        route: 'GET /hello',
        event: () => apiGatewayEvent({ method: 'GET', route: '/hello' }),
      };

      const sdkFloorDir = join(workDir, 'hello-dynamodb');
      mkdirSync(sdkFloorDir, { recursive: true });
      const sdkFloorEntry = await bundleLikeCdk(
        join(REPO_ROOT, 'bench/cold-start/hello-dynamodb.ts'),
        sdkFloorDir,
      );
      const sdkFloor: Subject = {
        ...hello,
        name: 'helloDynamodb',
        entry: sdkFloorEntry,
        bundleBytes: statSync(sdkFloorEntry).size,
        assetBytes: statSync(sdkFloorEntry).size + statSync(`${sdkFloorEntry}.map`).size,
        route: 'GET /hello (+ GetItem)',
      };

      let coldResults: Record<string, SubjectResult> = {};
      if (wants('2') || wants('6')) {
        log(`figure 2: cold starts, ${plan.coldStartRounds} fresh processes per bundle…`);
        const figure = await attempt(
          'coldStart',
          '2',
          () =>
            coldStartFigure({ subjects, hello, sdkFloor, rounds: plan.coldStartRounds, workDir }),
          wants('2'),
        );
        coldResults = (figure?.data as { results: typeof coldResults } | undefined)?.results ?? {};
      }
      if (wants('2')) {
        // The same bundles on the Node major that Lambda runs (Runtime.NODEJS_24_X): the
        // registry's `node` package, as the bundle test uses it. Writes sign parties the
        // first run left unsigned.
        log('figure 2: the same cold starts on Node 24 (npx -p node@24)…');
        await attempt('coldStartNode24', '2', async () => {
          const { stdout } = await promisify(execFile)(
            'npx',
            ['-y', '-p', 'node@24', '--', 'node', '-p', 'process.execPath'],
            { encoding: 'utf8', timeout: 170_000 },
          );
          const offset = plan.coldStartRounds + 1;
          return coldStartFigure({
            subjects: subjects.map((subject) => ({
              ...subject,
              event: (i: number) => subject.event(i + offset),
            })),
            hello,
            sdkFloor,
            rounds: plan.coldStartRounds,
            workDir,
            node: { path: stdout.trim(), label: 'Node 24' },
          });
        });
      }
      if (wants('6')) {
        log('figure 6: peak RSS of rendering and of the PDF function…');
        const renderDir = join(workDir, 'render');
        mkdirSync(renderDir, { recursive: true });
        const renderEntry = await bundleLikeCdk(
          join(REPO_ROOT, 'bench/pdf/render-handler.ts'),
          renderDir,
        );
        const pdf = subjects.find((subject) => subject.name === 'pdf');
        const pdfBundle = bundles.find((bundle) => bundle.name === 'pdf');
        const memorySubjects: Subject[] = [
          {
            name: 'render300',
            entry: renderEntry,
            env: { ...baseEnv, PDF_FONT_DIR: join(REPO_ROOT, 'node_modules/dejavu-fonts-ttf/ttf') },
            bundleBytes: statSync(renderEntry).size,
            assetBytes: 0,
            route: 'renderAgreementSummary(300)',
            event: () => ({ signatories: 300, requestContext: { requestId: 'render' } }) as never,
          },
          ...(pdf && pdfBundle
            ? [
                {
                  ...pdf,
                  name: 'pdf300',
                  route: 'GET …/summary.pdf, 300 signatories',
                  event: () =>
                    apiGatewayEvent({
                      method: 'GET',
                      route: '/v1/agreements/{agreementId}/summary.pdf',
                      pathParameters: { agreementId: agreement300 },
                      claims: secretariat,
                    }),
                },
              ]
            : []),
        ];
        await attempt('memory', '6', async () => {
          const measured = await measureColdStarts(memorySubjects, plan.memoryRounds, workDir);
          if (!coldResults.hello) {
            Object.assign(
              coldResults,
              await measureColdStarts([hello], plan.memoryRounds, workDir),
            );
          }
          const memory = memoryFigure({ ...coldResults, ...measured }, 'hello');
          return {
            rows: memory.rows,
            data: { ...(memory.data as object), pdf300ColdStart: measured.pdf300 },
          };
        });
      }
    }

    // ── figure 3: signature latency vs the raw DynamoDB floor ──────────────
    if (api && wants('3')) {
      log(`figure 3: signature latency, ${plan.signature.samples} samples each…`);
      await attempt('signature', '3', () =>
        signatureFigure({ api, endpoint, conferenceId, parties, ...plan.signature }),
      );
    }

    // ── figure 8: PDF revalidation (304 from state) vs reading the agreement ─
    if (api && wants('8')) {
      log(`figure 8: PDF revalidation, ${plan.revalidation.samples} samples each…`);
      const seeded = api;
      await attempt('revalidation', '8', async () => {
        const five = parties.slice(0, 5).map((party) => party.code);
        const agreementId = await createAgreement(seeded, conferenceId, five);
        for (const [index, code] of five.slice(0, 3).entries())
          await sign(seeded, agreementId, code, index);
        return conditionalPdfFigure({ api: seeded, agreementId, ...plan.revalidation });
      });
    }

    // ── figure 4: throughput ───────────────────────────────────────────────
    if (api && wants('4')) {
      const { agreements, partiesPerAgreement, connections } = plan.throughput;
      log(
        `figure 4: ${agreements * partiesPerAgreement} signatures at concurrency ${connections}…`,
      );
      await attempt('throughput', '4', () =>
        throughputFigure({ api, conferenceId, parties, ...plan.throughput }),
      );
    }
    // The main server is done; stopping twice (again in cleanup) is harmless.
    if (api) await api.stop();

    // ── figure 5: audit first page, 100 vs 100k events ─────────────────────
    if (wants('5')) {
      log(`figure 5: loading ${plan.audit.largeEvents.toLocaleString('en')} audit events…`);
      await attempt('audit', '5', () => auditFigure({ endpoint, tablePrefix, ...plan.audit }));
    }
  }
} catch (error) {
  // Set-up failed (synth, DynamoDB Local, seeding): report what was measured until then.
  log(`benchmark stopped: ${(error as Error).stack ?? String(error)}`);
  figures.fatal = (error as Error).stack ?? String(error);
  process.exitCode = 1;
} finally {
  if (!interrupted) await cleanup();
}

const finishedAt = new Date();
const order = ['1', '2', '3', '4', '5', '6', '7'];
rows.sort((a, b) => order.indexOf(a.figure) - order.indexOf(b.figure));
const results = {
  machine: { ...info, loadAverageAtEnd: loadavg().map((value) => Number(value.toFixed(2))) },
  quick,
  plan,
  startedAt: startedAt.toISOString(),
  durationS: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
  rows,
  figures,
};
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(
  `\nSigning tracker benchmark — ${info.cpu}, ${info.cores} cores, Node ${info.node}, ${results.durationS} s${quick ? ', --quick' : ''}\n\n${renderTable(rows)}\n\nEvery figure: ${RESULTS}\n`,
);
