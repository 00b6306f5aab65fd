import { defineConfig } from 'vitest/config';

/**
 * Three projects, all run by `npm test` (`vitest run`):
 *
 *  - unit: pure logic, the in-memory store and handlers invoked in-process;
 *    no Java, no network (`npm run test:unit`, about 27 s on 2 cores);
 *  - integration: real HTTP against the local server on DynamoDB Local,
 *    which this project's global setup starts once for the run;
 *  - cdk: the synthesized templates, cdk-nag and the Lambda bundles.
 *
 * On 2 cores: one unit thread beside two forks for the rest, so that both
 * cores stay busy once the short unit project is done. The forks are not
 * isolated per file (the libraries load once per fork; see
 * tests/helpers/fresh-modules.ts for why each file still gets fresh modules).
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
      forks: { isolate: false, maxForks: 2 },
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
      { extends: true, test: { name: 'cdk', include: ['tests/cdk/**/*.test.ts'] } },
    ],
  },
});
