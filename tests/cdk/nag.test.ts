import type { PolicyViolation } from 'aws-cdk-lib';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { beforeAll, describe, expect, test } from 'vitest';
import { nagPacks } from '../../cdk/nag.js';
import { type Synthesized, synthesize } from './synth.js';

/**
 * cdk-nag 3 runs as a CDK policy-validation plugin. Its findings are
 * violations in a validation report, not annotations, so
 * `Annotations.fromStack(stack).findError(...)` cannot see them (the canary
 * below proves it). The packs are therefore run directly with
 * `validateScope`, and the app is also synthesized with the plugins
 * registered, exactly as `cdk synth` does, which throws on any finding.
 */

const describeViolations = (violations: readonly PolicyViolation[]) =>
  violations.map(
    (violation) =>
      `${violation.severity} ${violation.ruleName}: ${violation.violatingResources
        .map((resource) => resource.constructPath)
        .join(', ')}`,
  );

let synth: Synthesized;
beforeAll(() => {
  // Registers the packs on the app; synthesis would throw on an unacknowledged finding.
  synth = synthesize({ nag: true });
});

describe('cdk-nag', () => {
  test('the app synthesizes with the AwsSolutions and Serverless packs registered', () => {
    expect(synth.apiTemplate.toJSON()).toHaveProperty('Resources');
    expect(synth.statefulTemplate.toJSON()).toHaveProperty('Resources');
  });

  test.each(['AwsSolutions', 'Serverless'])(
    '%s: no unacknowledged error or warning',
    (packName) => {
      const pack = nagPacks(new App()).find((candidate) => candidate.name === packName);
      expect(pack).toBeDefined();
      const report = pack!.validateScope(synth.app);
      expect(describeViolations(report.violations)).toEqual([]);
      expect(report.success).toBe(true);
    },
  );

  test('every acknowledgement carries a specific reason', () => {
    const acknowledgements = synth.app.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata.filter(
          (entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY,
        ),
      )
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) {
      expect(id).toMatch(/(AwsSolutions|Serverless)-/);
      expect(reason.length, id).toBeGreaterThan(60);
    }
  });
});

describe('canary: the check is not vacuous', () => {
  test('a table without point-in-time recovery is reported by validateScope, not by Annotations', () => {
    const app = new App();
    const stack = new Stack(app, 'Canary');
    new Table(stack, 'Table', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
    const pack = nagPacks(app).find((candidate) => candidate.name === 'AwsSolutions')!;
    const rules = pack.validateScope(app).violations.map((violation) => violation.ruleName);
    expect(rules).toContain('AwsSolutions-DDB3');
    expect(
      Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ).toEqual([]);
  });
});
