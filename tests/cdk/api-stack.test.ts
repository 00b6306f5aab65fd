import { join } from 'node:path';
import { App, type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { beforeAll, describe, expect, test } from 'vitest';
import { API_THROTTLE, FUNCTION_SETTINGS } from '../../cdk/config.js';
import { API_FUNCTION_RUNTIME, ApiFunction } from '../../cdk/constructs/api-function.js';
import { BUNDLE_TARGET } from '../../cdk/constructs/bundle-options.js';
import {
  CATCH_ALL_ROUTE_KEY,
  DOCS_ASSET_DIR,
  PDF_FONT_DIR,
  REPO_ROOT,
} from '../../cdk/stacks/api-stack.js';
import {
  FUNCTION_NAMES,
  LAMBDA_FUNCTIONS,
  TABLE_READ_ACTIONS,
  TABLE_WRITE_ACTIONS,
} from '../../shared/contract/functions.js';
import { type FunctionName, routeKeyOf, routeKeysOf } from '../../shared/contract/route.js';
import { routes } from '../../shared/contract/routes.js';
import { HEALTH_CHECK_DEADLINE_MS } from '../../shared/store/client.js';
import { HEALTH_KEY } from '../../shared/store/keys.js';
import {
  logicalIdOf,
  propertiesOf,
  resourcesOf,
  type Synthesized,
  statefulOutputOf,
  synthesize,
} from './synth.js';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize({ nag: false });
});

const functionNames = FUNCTION_NAMES;
const functionLogicalId = (name: FunctionName) =>
  synth.api.getLogicalId(synth.api.functions[name].node.defaultChild as CfnElement);

type Statement = {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Condition?: unknown;
};

function statementsOf(name: FunctionName): Statement[] {
  const roleId = synth.api.getLogicalId(
    synth.api.functions[name].executionRole.node.defaultChild as CfnElement,
  );
  const policies = Object.values(resourcesOf(synth.apiTemplate, 'AWS::IAM::Policy')).filter(
    (policy) =>
      JSON.stringify((policy.Properties as { Roles: unknown }).Roles) ===
      JSON.stringify([{ Ref: roleId }]),
  );
  expect(policies).toHaveLength(1);
  return (policies[0]!.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument
    .Statement;
}

/** The table's ARN, taken from the stateful stack. */
const isTableArn = (resource: unknown) =>
  /GetAttTable\w*Arn/.test(statefulOutputOf(resource) ?? '');
const isIndexArns = (resource: unknown) =>
  Array.isArray(resource) && resource.every((arn) => JSON.stringify(arn).includes('/index/'));

const actionsOf = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

function dynamoActionsOf(name: FunctionName): string[] {
  return statementsOf(name)
    .flatMap(actionsOf)
    .filter((action) => action.startsWith('dynamodb:'));
}

describe('routes', () => {
  test('route keys are exactly the route table, plus the $default catch-all', () => {
    const keys = Object.values(resourcesOf(synth.apiTemplate, 'AWS::ApiGatewayV2::Route')).map(
      (route) => (route.Properties as { RouteKey: string }).RouteKey,
    );
    expect(keys.sort()).toEqual([...routes.flatMap(routeKeysOf), CATCH_ALL_ROUTE_KEY].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('every route but the public ones requires the Cognito JWT authorizer', () => {
    const authorizerId = logicalIdOf(
      synth.apiTemplate,
      'AWS::ApiGatewayV2::Authorizer',
      'HttpApiCognitoIdToken',
    );
    const byKey = new Map(
      Object.values(resourcesOf(synth.apiTemplate, 'AWS::ApiGatewayV2::Route')).map((route) => {
        const props = route.Properties as {
          RouteKey: string;
          AuthorizationType?: string;
          AuthorizerId?: unknown;
        };
        return [props.RouteKey, props];
      }),
    );
    for (const route of routes) {
      const props = byKey.get(routeKeyOf(route));
      if (route.roles === 'public') {
        expect(props?.AuthorizationType, routeKeyOf(route)).toBe('NONE');
        expect(props?.AuthorizerId, routeKeyOf(route)).toBeUndefined();
      } else {
        expect(props?.AuthorizationType, routeKeyOf(route)).toBe('JWT');
        expect(props?.AuthorizerId, routeKeyOf(route)).toEqual({ Ref: authorizerId });
      }
    }
    expect(byKey.get(CATCH_ALL_ROUTE_KEY)?.AuthorizationType).toBe('NONE');
  });

  test('every GET route answers HEAD too, with the same authorizer and function', () => {
    const byKey = new Map(
      Object.values(resourcesOf(synth.apiTemplate, 'AWS::ApiGatewayV2::Route')).map((route) => {
        const { RouteKey, ...rest } = route.Properties as { RouteKey: string };
        return [RouteKey, rest];
      }),
    );
    const gets = routes.filter((route) => route.method === 'GET');
    expect(gets.length).toBeGreaterThan(0);
    for (const route of gets) {
      const head = byKey.get(`HEAD ${route.path}`);
      expect(head, route.path).toBeDefined();
      expect(head).toEqual(byKey.get(routeKeyOf(route)));
    }
    const headPaths = [...byKey.keys()].filter((key) => key.startsWith('HEAD '));
    expect(headPaths.sort()).toEqual(gets.map((route) => `HEAD ${route.path}`).sort());
  });

  test('the authorizer accepts ID tokens of the app client from the user pool', () => {
    const authorizer = Object.values(
      resourcesOf(synth.apiTemplate, 'AWS::ApiGatewayV2::Authorizer'),
    )[0]?.Properties as {
      AuthorizerType: string;
      IdentitySource: string[];
      JwtConfiguration: { Audience: unknown[]; Issuer: { 'Fn::Join': [string, unknown[]] } };
    };
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    const { Audience, Issuer } = authorizer.JwtConfiguration;
    // The operators' app client, and the portal's (tests/cdk/web-stack.test.ts).
    expect(Audience).toHaveLength(2);
    expect(statefulOutputOf(Audience[0])).toMatch(/RefUserPoolApiClient/);
    const [prefix, region, host, poolId] = Issuer['Fn::Join'][1];
    expect([prefix, region, host]).toEqual([
      'https://cognito-idp.',
      { Ref: 'AWS::Region' },
      '.amazonaws.com/',
    ]);
    expect(statefulOutputOf(poolId)).toMatch(/RefUserPool(?!ApiClient)/);
  });

  test('each route is integrated with the Lambda function the table names', () => {
    const integrations = resourcesOf(synth.apiTemplate, 'AWS::ApiGatewayV2::Integration');
    const targetOf = (routeKey: string) => {
      const route = Object.values(resourcesOf(synth.apiTemplate, 'AWS::ApiGatewayV2::Route')).find(
        (candidate) => (candidate.Properties as { RouteKey: string }).RouteKey === routeKey,
      );
      if (!route) throw new Error(`No route ${routeKey}`);
      const target = (route.Properties as { Target: { 'Fn::Join': [string, unknown[]] } }).Target;
      const integrationId = (target['Fn::Join'][1][1] as { Ref: string }).Ref;
      const integration = integrations[integrationId]?.Properties as {
        IntegrationType: string;
        IntegrationUri: { 'Fn::GetAtt': [string, string] };
        PayloadFormatVersion: string;
      };
      expect(integration.IntegrationType).toBe('AWS_PROXY');
      expect(integration.PayloadFormatVersion).toBe('2.0');
      return integration.IntegrationUri['Fn::GetAtt'][0];
    };
    for (const route of routes) {
      expect(targetOf(routeKeyOf(route)), routeKeyOf(route)).toBe(
        functionLogicalId(route.function),
      );
    }
    expect(targetOf(CATCH_ALL_ROUTE_KEY)).toBe(functionLogicalId('public'));
  });
});

describe('stage', () => {
  test('$default stage auto-deploys with throttling and JSON access logs to a retained group', () => {
    const accessLogsId = logicalIdOf(synth.apiTemplate, 'AWS::Logs::LogGroup', 'AccessLogs');
    synth.apiTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
      },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [accessLogsId, 'Arn'] },
        Format: Match.anyValue(),
      },
    });
    const stage = Object.values(resourcesOf(synth.apiTemplate, 'AWS::ApiGatewayV2::Stage'))[0]!;
    const format = JSON.parse(
      (stage.Properties as { AccessLogSettings: { Format: string } }).AccessLogSettings.Format,
    ) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
    synth.apiTemplate.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    expect(Object.keys(resourcesOf(synth.apiTemplate, 'AWS::ApiGatewayV2::Stage'))).toHaveLength(1);
  });
});

describe('functions', () => {
  test.each(functionNames)('%s: Node.js 24, arm64, tracing, JSON logs, own log group', (name) => {
    expect(API_FUNCTION_RUNTIME.name).toBe('nodejs24.x');
    // esbuild targets the same Node major as the runtime (and the lazily loaded modules too).
    expect(API_FUNCTION_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1')).toBe(BUNDLE_TARGET);
    const fn = resourcesOf(synth.apiTemplate, 'AWS::Lambda::Function')[functionLogicalId(name)];
    const logGroupId = synth.api.getLogicalId(
      synth.api.functions[name].functionLogGroup.node.defaultChild as CfnElement,
    );
    expect(fn?.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: FUNCTION_SETTINGS[name].memorySize,
      Timeout: FUNCTION_SETTINGS[name].timeout.toSeconds(),
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logGroupId } },
    });
    const logGroup = propertiesOf<{ RetentionInDays: number }>(
      synth.apiTemplate,
      'AWS::Logs::LogGroup',
      logGroupId,
    );
    expect(logGroup.RetentionInDays).toBe(90);
  });

  test('the public function outlives its health check, so a hung table is a 503, not a timeout', () => {
    // The check gives up at its own deadline (shorter than the DynamoDB client's
    // bounded retries) and answers 503; the function must still be running then.
    expect(FUNCTION_SETTINGS.public.timeout.toMilliseconds()).toBeGreaterThanOrEqual(
      HEALTH_CHECK_DEADLINE_MS + 2_000,
    );
  });

  test('timeouts stay below the 29 s API Gateway integration limit', () => {
    for (const name of functionNames) {
      expect(FUNCTION_SETTINGS[name].timeout.toSeconds()).toBeLessThan(29);
    }
  });

  test.each(functionNames)('%s: environment', (name) => {
    const variables = propertiesOf<{ Environment: { Variables: Record<string, unknown> } }>(
      synth.apiTemplate,
      'AWS::Lambda::Function',
      functionLogicalId(name),
    ).Environment.Variables;
    expect(statefulOutputOf(variables.TABLE_NAME)).toMatch(/RefTable/);
    expect(variables).toEqual({
      TABLE_NAME: expect.anything(),
      POWERTOOLS_SERVICE_NAME: 'signing-tracker',
      POWERTOOLS_METRICS_NAMESPACE: 'SigningTracker',
      LOG_FORMAT: 'json',
      ...(name === 'pdf' && { PDF_FONT_DIR }),
      ...(name === 'public' && { DOCS_ASSET_DIR }),
      // The Parameters and Secrets extension's settings, where it reads the seal's certificate.
      ...((name === 'pdf' || name === 'sealCheck') && {
        PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: 'true',
        PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: '1000',
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
        PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'warn',
        PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '3',
        SECRETS_MANAGER_TIMEOUT_MILLIS: '0',
        SECRETS_MANAGER_TTL: '300',
        SSM_PARAMETER_STORE_TIMEOUT_MILLIS: '0',
        SSM_PARAMETER_STORE_TTL: '300',
      }),
    });
  });
});

describe('least privilege', () => {
  const expectedDynamoActions = (name: FunctionName): string[] => {
    if (name === 'public') return ['dynamodb:GetItem'];
    return LAMBDA_FUNCTIONS[name].tableAccess === 'RW'
      ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]
      : [...TABLE_READ_ACTIONS];
  };

  test.each(functionNames)('%s holds exactly the DynamoDB actions of its access', (name) => {
    const statements = statementsOf(name).filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );
    const onTable = statements.filter((statement) => isTableArn(statement.Resource));
    const onIndexes = statements.filter((statement) => isIndexArns(statement.Resource));
    // Nothing on other resources (no "*", no other table).
    expect(onTable.length + onIndexes.length).toBe(statements.length);
    expect(onTable.flatMap(actionsOf).sort()).toEqual(expectedDynamoActions(name).sort());
    if (LAMBDA_FUNCTIONS[name].tableAccess === 'RO') {
      for (const action of TABLE_WRITE_ACTIONS) expect(dynamoActionsOf(name)).not.toContain(action);
    }
    for (const action of dynamoActionsOf(name)) {
      expect(action).not.toMatch(/\*|Scan|BatchWriteItem|DescribeTable|PartiQL/);
    }
  });

  test.each(functionNames)('%s may Query the GSIs only if it may Query at all', (name) => {
    const indexStatements = statementsOf(name).filter((statement) =>
      isIndexArns(statement.Resource),
    );
    if (!expectedDynamoActions(name).includes('dynamodb:Query')) {
      expect(indexStatements).toEqual([]);
      return;
    }
    expect(indexStatements).toHaveLength(1);
    expect(actionsOf(indexStatements[0]!)).toEqual(['dynamodb:Query']);
    expect(JSON.stringify(indexStatements[0]!.Resource)).toMatch(/\/index\/GSI1.*\/index\/GSI2/);
  });

  test.each(functionNames)(
    '%s: the only wildcard resource is X-Ray, logs go to its own group',
    (name) => {
      const wildcard = statementsOf(name).filter((statement) => statement.Resource === '*');
      expect(wildcard.flatMap(actionsOf).sort()).toEqual([
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ]);
      const logs = statementsOf(name).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('logs:')),
      );
      const logGroupId = synth.api.getLogicalId(
        synth.api.functions[name].functionLogGroup.node.defaultChild as CfnElement,
      );
      expect(logs).toEqual([
        {
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        },
      ]);
    },
  );

  test('no function holds grants no code uses (BatchGetItem, ConditionCheckItem)', () => {
    for (const name of functionNames) {
      expect(dynamoActionsOf(name)).not.toContain('dynamodb:BatchGetItem');
      expect(dynamoActionsOf(name)).not.toContain('dynamodb:ConditionCheckItem');
    }
  });

  test('the unauthenticated public function may read the health item and nothing else', () => {
    const statements = statementsOf('public').filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      Action: 'dynamodb:GetItem',
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [HEALTH_KEY.PK] } },
    });
  });

  test('no role uses AWS managed policies', () => {
    for (const role of Object.values(resourcesOf(synth.apiTemplate, 'AWS::IAM::Role'))) {
      expect(
        (role.Properties as { ManagedPolicyArns?: unknown }).ManagedPolicyArns,
      ).toBeUndefined();
    }
  });
});

describe('alarms and outputs', () => {
  test('5xx rate, per-function errors and throttles, DynamoDB system errors and throttles', () => {
    const alarms = Object.values(resourcesOf(synth.apiTemplate, 'AWS::CloudWatch::Alarm')).map(
      (alarm) => JSON.stringify(alarm.Properties),
    );
    expect(alarms.filter((alarm) => alarm.includes('"MetricName":"5xx"'))).toHaveLength(1);
    for (const name of functionNames) {
      const fnId = functionLogicalId(name);
      for (const metric of ['Errors', 'Throttles']) {
        expect(
          alarms.filter(
            (alarm) =>
              alarm.includes(`"MetricName":"${metric}"`) && alarm.includes(`"Ref":"${fnId}"`),
          ),
          `${name} ${metric}`,
        ).toHaveLength(1);
      }
    }
    expect(alarms.filter((alarm) => alarm.includes('"MetricName":"SystemErrors"'))).toHaveLength(1);
    expect(
      alarms.filter((alarm) => alarm.includes('"MetricName":"ThrottledRequests"')),
    ).toHaveLength(1);
    for (const alarm of alarms) expect(alarm).toContain('"AlarmActions":[{"Ref":"AlarmTopic');
  });

  test('any 5xx in 5 minutes alarms, whatever the traffic: a metric filter on the access logs', () => {
    const accessLogsId = logicalIdOf(synth.apiTemplate, 'AWS::Logs::LogGroup', 'AccessLogs');
    const filters = Object.values(resourcesOf(synth.apiTemplate, 'AWS::Logs::MetricFilter'));
    expect(filters).toHaveLength(1);
    expect(filters[0]!.Properties).toEqual({
      LogGroupName: { Ref: accessLogsId },
      FilterPattern: '{ $.status = "5*" }',
      MetricTransformations: [
        {
          MetricNamespace: 'SigningTracker',
          MetricName: 'ServerErrorResponses',
          MetricValue: '1',
        },
      ],
    });
    synth.apiTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'SigningTracker',
      MetricName: 'ServerErrorResponses',
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmTopic') }],
    });
  });

  test('API URL, user pool id and client id are stack outputs', () => {
    synth.apiTemplate.hasOutput('ApiUrl', {});
    const outputs = synth.apiTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(statefulOutputOf(outputs.UserPoolId?.Value)).toMatch(/RefUserPool(?!ApiClient)/);
    expect(statefulOutputOf(outputs.UserPoolClientId?.Value)).toMatch(/RefUserPoolApiClient/);
  });
});

describe('ApiFunction.bindTable', () => {
  test('refuses to widen the access level and to bind a second table', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'BindTable');
    const table = new TableV2(stack, 'Table', {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
    });
    const fn = new ApiFunction(stack, 'Fn', {
      entry: join(REPO_ROOT, 'functions', 'public.ts'),
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      memorySize: 128,
      timeout: Duration.seconds(3),
    });
    expect(() => fn.bindTable({ table, access: 'RO', only: ['dynamodb:PutItem'] })).toThrow(
      /dynamodb:PutItem exceed RO access/,
    );
    fn.bindTable({ table, access: 'RO', only: ['dynamodb:GetItem'] });
    expect(() => fn.bindTable({ table, access: 'RW' })).toThrow(/already bound/);
  });
});
