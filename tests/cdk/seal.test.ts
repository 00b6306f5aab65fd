import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../cdk/config.js';
import { FUNCTION_NAMES } from '../../shared/contract/functions.js';
import type { FunctionName } from '../../shared/contract/route.js';
import { routes } from '../../shared/contract/routes.js';
import { INTEGRITY_FAILURES_METRIC } from '../../shared/http/metric-names.js';
import { SEAL_CERTIFICATE_PARAMETER, SEAL_KEY_ALIAS } from '../../shared/seal/seal-key-from-env.js';
import { resourcesOf, type Synthesized, synthesize } from './synth.js';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize({ nag: false });
});

describe('integrity of what summaries show', () => {
  test('any IntegrityFailures datapoint alarms, to the alarm topic', () => {
    synth.apiTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: INTEGRITY_FAILURES_METRIC,
      Dimensions: [{ Name: 'service', Value: SERVICE_NAME }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmTopic') }],
    });
    const matching = Object.values(resourcesOf(synth.apiTemplate, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties?.MetricName === INTEGRITY_FAILURES_METRIC,
    );
    expect(matching).toHaveLength(1);
  });
});

describe('the seal key (stateful stack)', () => {
  const keyOf = () => {
    const keys = Object.values(resourcesOf(synth.statefulTemplate, 'AWS::KMS::Key'));
    expect(keys).toHaveLength(1);
    return keys[0]!;
  };

  test('an asymmetric ECC_NIST_P256 signing key, retained', () => {
    const key = keyOf();
    expect(key.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.UpdateReplacePolicy).toBe('Retain');
  });

  test('its policy refuses kms:Sign to every principal but the PDF function role', () => {
    const statements = (
      keyOf().Properties as { KeyPolicy: { Statement: Record<string, unknown>[] } }
    ).KeyPolicy.Statement;
    const deny = statements.filter((s) => s.Effect === 'Deny');
    expect(deny).toHaveLength(1);
    expect(deny[0]).toMatchObject({ Action: 'kms:Sign', Principal: { AWS: '*' } });
    const condition = JSON.stringify(deny[0]!.Condition);
    expect(condition).toContain('ArnNotEquals');
    expect(condition).toContain('aws:PrincipalArn');
    expect(condition).toContain(`:role/signing-tracker-pdf-`);
    // Nothing else is allowed by the key policy to anyone but the account itself.
    for (const allow of statements.filter((s) => s.Effect === 'Allow'))
      expect(JSON.stringify(allow.Principal)).toContain(':root');
  });

  test('while its certificate is made, the issuer named by context may sign too, and no one else', () => {
    const issuer = 'arn:aws:iam::123456789012:role/SealOperator';
    const issuing = synthesize({ nag: false, context: { sealCertificateIssuer: issuer } });
    const key = Object.values(resourcesOf(issuing.statefulTemplate, 'AWS::KMS::Key'))[0]!;
    const deny = (
      key.Properties as { KeyPolicy: { Statement: Record<string, unknown>[] } }
    ).KeyPolicy.Statement.find((s) => s.Effect === 'Deny')!;
    const allowed = (deny.Condition as { ArnNotEquals: { 'aws:PrincipalArn': unknown[] } })
      .ArnNotEquals['aws:PrincipalArn'];
    expect(allowed).toHaveLength(2);
    expect(allowed[1]).toBe(issuer);
  });

  test('the certificate parameter exists and is pending until an operator stores one', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::SSM::Parameter', {
      Name: SEAL_CERTIFICATE_PARAMETER,
      Type: 'String',
      Value: Match.stringLikeRegexp('^No certificate yet'),
    });
  });

  test('a certificate given as context `sealCertificate` (a PEM file) is stored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seal-cdk-'));
    try {
      const pem = join(dir, 'seal.pem');
      writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      const withCertificate = synthesize({ nag: false, context: { sealCertificate: pem } });
      withCertificate.statefulTemplate.hasResourceProperties('AWS::SSM::Parameter', {
        Value: Match.stringLikeRegexp('BEGIN CERTIFICATE'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('who may use the seal (API stack)', () => {
  type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
  const statementsOf = (name: FunctionName): Statement[] => {
    const roleId = synth.api.getLogicalId(
      synth.api.functions[name].executionRole.node.defaultChild as CfnElement,
    );
    return Object.values(resourcesOf(synth.apiTemplate, 'AWS::IAM::Policy'))
      .filter(
        (policy) =>
          JSON.stringify((policy.Properties as { Roles: unknown }).Roles) ===
          JSON.stringify([{ Ref: roleId }]),
      )
      .flatMap(
        (policy) =>
          (policy.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument
            .Statement,
      );
  };
  const actionsOf = (name: FunctionName) =>
    statementsOf(name).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

  test('the PDF function alone may call kms:Sign, on the seal key only, and nothing else of KMS', () => {
    const kms = statementsOf('pdf').filter((s) => JSON.stringify(s.Action).includes('kms:'));
    expect(kms).toHaveLength(1);
    expect(kms[0]!.Action).toBe('kms:Sign');
    expect(JSON.stringify(kms[0]!.Resource)).toMatch(/SealKey/);
    for (const name of FUNCTION_NAMES) {
      if (name === 'pdf') continue;
      expect(
        actionsOf(name).filter((a) => a.startsWith('kms:')),
        name,
      ).toEqual([]);
    }
  });

  test("the PDF function's role has the name the key policy expects", () => {
    const role = synth.api.functions.pdf.executionRole.node.defaultChild as CfnElement;
    const properties = resourcesOf(synth.apiTemplate, 'AWS::IAM::Role')[
      synth.api.getLogicalId(role)
    ]!.Properties as { RoleName: unknown };
    expect(JSON.stringify(properties.RoleName)).toContain('signing-tracker-pdf-');
  });

  test('pdf and sealCheck may read the certificate parameter, by the name and alias the code uses', () => {
    for (const name of ['pdf', 'sealCheck'] as const) {
      const read = statementsOf(name).filter((s) =>
        JSON.stringify(s.Action).includes('ssm:GetParameter'),
      );
      expect(read).toHaveLength(1);
      // arn:…:parameter + the stateful stack's parameter (whose name is the constant below)
      expect(JSON.stringify(read[0]!.Resource)).toMatch(/:parameter".*RefSealCertificate/);
    }
    synth.statefulTemplate.hasResourceProperties('AWS::SSM::Parameter', {
      Name: SEAL_CERTIFICATE_PARAMETER,
    });
    synth.statefulTemplate.hasResourceProperties('AWS::KMS::Alias', { AliasName: SEAL_KEY_ALIAS });
    for (const name of ['writes', 'reads', 'audit', 'public', 'verify'] as const)
      expect(
        actionsOf(name).filter((a) => a.startsWith('ssm:')),
        name,
      ).toEqual([]);
  });

  test("pdf and sealCheck read it through AWS's Parameters and Secrets extension, on the port the code asks", () => {
    const functions = resourcesOf(synth.apiTemplate, 'AWS::Lambda::Function');
    for (const name of FUNCTION_NAMES) {
      const fn = synth.api.functions[name].node.defaultChild as CfnElement;
      const properties = functions[synth.api.getLogicalId(fn)]!.Properties as {
        Layers?: unknown;
        Environment: { Variables: Record<string, string> };
      };
      if (name !== 'pdf' && name !== 'sealCheck') {
        expect(properties.Layers, name).toBeUndefined();
        continue;
      }
      expect(JSON.stringify(properties.Layers)).toContain('ParamsandsecretslayerMap');
      expect(properties.Environment.Variables).toMatchObject({
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
        PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: 'true',
      });
    }
    expect(JSON.stringify(synth.apiTemplate.toJSON().Mappings)).toContain(
      'AWS-Parameters-and-Secrets-Lambda-Extension-Arm64',
    );
  });

  test('the verification routes are public and reach the verify and seal-check functions', () => {
    const verification = routes.filter(
      (r) => r.function === 'verify' || r.function === 'sealCheck',
    );
    expect(verification.map((r) => r.function).sort()).toEqual([
      'sealCheck',
      'sealCheck',
      'verify',
    ]);
    for (const route of verification) {
      expect(route.roles).toBe('public');
      synth.apiTemplate.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: 'NONE',
      });
    }
  });
});
