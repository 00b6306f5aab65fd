import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every temporary file of a run (the tests' mkdtemp folders, CDK's cdk.out folders, the
// local servers' data, Chromium's profiles) goes into one folder of the run's own, which
// goes when the run ends: they used to pile up in the system's temporary folder. Workers
// and child processes inherit TMPDIR, which os.tmpdir() reads; Vitest loads this file in
// them again, and they keep the run's folder. A short name: Chromium's socket path in it
// must stay under the 108 bytes of a Unix socket address.
if (!process.env.TEST_RUN_TEMP) {
  const runTemp = mkdtempSync(join(tmpdir(), 'st-run-'));
  process.env.TEST_RUN_TEMP = runTemp;
  process.env.TMPDIR = runTemp;
  process.on('exit', () => {
    // Best effort: a folder that a child still writes to must not fail a green run.
    try {
      rmSync(runTemp, { recursive: true, force: true, maxRetries: 3 });
    } catch {}
  });
}

/**
 * Three projects, all run by `npm test` (`vitest run`):
 *
 *  - unit: pure logic, the in-memory store and handlers invoked in-process;
 *    no Java, no network (`npm run test:unit`, about 24–29 s on 2 cores);
 *  - integration: real HTTP against the local server on DynamoDB Local,
 *    which this project's global setup starts once for the run;
 *  - cdk: the synthesized templates, cdk-nag and the Lambda bundles.
 *
 * One thread for unit and cdk beside one fork for integration: the CDK
 * files need no DynamoDB and run in the thread once the unit files are done,
 * while the fork still serves the integration files. The fork is not isolated
 * per file: the libraries load once (see tests/helpers/fresh-modules.ts for
 * why each file still gets fresh modules of its own). Not two forks: the
 * test of 50 parties signing one agreement at once then shared the CPU and
 * DynamoDB Local with another file, and some of its requests missed the
 * function's deadline (503) in two runs of four; one fork is about 15 s
 * slower and keeps the concurrency the suite was written for.
 */
export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One fixed fast-check seed for every property test (FC_SEED explores others).
    setupFiles: ['tests/helpers/fast-check-seed.ts'],
    pool: 'forks',
    poolOptions: {
      threads: { isolate: false, maxThreads: 1 },
      forks: { isolate: false, maxForks: 1 },
    },
    projects: [
      {
        extends: true,
        // One worker for every unit file (no isolation) halves the run: loading the
        // modules again per file cost more than the tests. Unit tests keep no state.
        // Vitest 3.2 reads pool options from the root config only, so the unit files
        // run in the threads pool, the one whose root options say one worker.
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], pool: 'threads' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          setupFiles: ['tests/helpers/fresh-modules.ts'],
        },
      },
      {
        extends: true,
        // In the unit project's thread (see above): the bundle test's synthesis runs in a child.
        test: { name: 'cdk', include: ['tests/cdk/**/*.test.ts'], pool: 'threads' },
      },
    ],
  },
});
