import { defineConfig } from 'vitest/config';

/**
 * Three projects, all run by `npm test` (`vitest run`):
 *
 *  - unit: pure logic, the in-memory store and handlers invoked in-process;
 *    no Java, no network (`npm run test:unit`);
 *  - integration: real HTTP against the local server on DynamoDB Local,
 *    which this project's global setup starts once for the run;
 *  - cdk: the synthesized templates, cdk-nag and the Lambda bundles.
 */
export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
        },
      },
      { extends: true, test: { name: 'cdk', include: ['tests/cdk/**/*.test.ts'] } },
    ],
  },
});
