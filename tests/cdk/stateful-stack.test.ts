import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { resourcesOf, type Synthesized, synthesize } from './synth.js';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize({ nag: false });
});

describe('table', () => {
  test('single table: PK/SK strings, on demand, AWS-managed KMS encryption, TTL', () => {
    synth.statefulTemplate.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    synth.statefulTemplate.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      // KMS without a key id: the AWS-managed aws/dynamodb key.
      SSESpecification: Match.exact({ SSEEnabled: true, SSEType: 'KMS' }),
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  test('GSI1 and GSI2 with string keys, projecting ALL', () => {
    const table = Object.values(
      resourcesOf(synth.statefulTemplate, 'AWS::DynamoDB::GlobalTable'),
    )[0]!;
    const props = table.Properties as {
      AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
      GlobalSecondaryIndexes: unknown[];
    };
    expect(props.GlobalSecondaryIndexes).toEqual(
      ['GSI1', 'GSI2'].map((name) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: `${name}PK`, KeyType: 'HASH' },
          { AttributeName: `${name}SK`, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(props.AttributeDefinitions).toEqual(
      ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'].map((name) => ({
        AttributeName: name,
        AttributeType: 'S',
      })),
    );
  });

  test('point-in-time recovery, deletion protection, retained on delete and replace', () => {
    synth.statefulTemplate.hasResource('AWS::DynamoDB::GlobalTable', {
      // RETAIN_ON_UPDATE_OR_DELETE: a first create that rolls back removes what it made
      // instead of orphaning a deletion-protected table; afterwards it is always kept.
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [
          Match.objectLike({
            Region: { Ref: 'AWS::Region' },
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });
});

describe('user pool', () => {
  test('admin-created users only, email sign-in, strong passwords, required TOTP MFA, Plus tier', () => {
    synth.statefulTemplate.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UsernameAttributes: ['email'],
        DeletionProtection: 'ACTIVE',
        // Required for every account (Cognito cannot require it per group); TOTP only, no SMS.
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 14,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'party', AttributeDataType: 'String', Mutable: true }),
        ]),
      }),
    });
    synth.statefulTemplate.hasResourceProperties(
      'AWS::Cognito::UserPoolRiskConfigurationAttachment',
      {
        ClientId: 'ALL',
        CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
      },
    );
  });

  test('groups secretariat, member and auditor', () => {
    const groups = Object.values(
      resourcesOf(synth.statefulTemplate, 'AWS::Cognito::UserPoolGroup'),
    ).map((group) => (group.Properties as { GroupName: string }).GroupName);
    expect(groups.sort()).toEqual(['auditor', 'member', 'secretariat']);
  });

  test('public app client without OAuth; users cannot write their own custom:party', () => {
    synth.statefulTemplate.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    synth.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      ExplicitAuthFlows: Match.arrayEquals([
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ]),
      ReadAttributes: Match.arrayWith(['custom:party']),
      // An explicit list: left out, Cognito would let users write every attribute.
      WriteAttributes: ['name'],
    });
  });
});
