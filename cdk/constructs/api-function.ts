import { type Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  type ICommandHooks,
  NodejsFunction,
  type NodejsFunctionProps,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  type TableAccess,
  type TableAction,
  tableActionsFor,
} from '../../shared/contract/functions.js';
import {
  BUNDLE_ALIASES,
  BUNDLE_MAIN_FIELDS,
  BUNDLE_TARGET,
  ESM_REQUIRE_BANNER,
} from './bundle-options.js';

/**
 * A Lambda function of the API with the team's defaults: Node.js 24 on
 * arm64, one ESM bundle per function (minified, source maps, AWS SDK
 * bundled so the version tested locally is the version deployed), active
 * tracing, its own log group with retention, and a role that starts with
 * nothing but writing to that log group. Table access is added with
 * `bindTable`, which is the only way a function gets DynamoDB permissions.
 */

/** The newest Node.js runtime this aws-cdk-lib knows (cdk-nag L1 checks it). */
export const API_FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

export interface BindTableOptions {
  readonly table: ITableV2;
  readonly access: TableAccess;
  /** Global secondary indexes the function may Query (only with `dynamodb:Query`). */
  readonly indexNames?: readonly string[];
  /**
   * Narrow the access level further (e.g. the health check needs only
   * GetItem). Must be a subset of what `access` allows.
   */
  readonly only?: readonly TableAction[];
  /** Restrict every granted action to items whose partition key is one of these. */
  readonly leadingKeys?: readonly string[];
}

export interface ApiFunctionProps
  extends Omit<NodejsFunctionProps, 'runtime' | 'architecture' | 'role' | 'logGroup'> {
  readonly entry: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** @default RetentionDays.THREE_MONTHS */
  readonly logRetention?: RetentionDays;
  /** Runs after esbuild in the asset output directory (e.g. copying fonts). */
  readonly afterBundling?: (inputDir: string, outputDir: string) => string[];
  /** A fixed name for the execution role, for policies that must name it before it exists. */
  readonly roleName?: string;
}

export class ApiFunction extends NodejsFunction {
  readonly functionLogGroup: LogGroup;
  readonly executionRole: Role;
  private boundTable?: ITableV2;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    const { logRetention, afterBundling, bundling, environment, roleName, ...rest } = props;

    // Created beside the function (constructors cannot add children before super()).
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: logRetention ?? RetentionDays.THREE_MONTHS,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${id} function`,
      ...(roleName && { roleName }),
    });

    const commandHooks: ICommandHooks | undefined = afterBundling && {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling,
    };

    super(scope, id, {
      ...rest,
      runtime: API_FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      handler: 'handler',
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      // No --enable-source-maps: Node would parse every map at each cold start (measured
      // ~40 ms for the pdf function's 2.6 MB map). The map ships beside the bundle for
      // decoding a logged stack trace offline (cdk/README.md).
      environment,
      bundling: {
        format: OutputFormat.ESM,
        mainFields: [...BUNDLE_MAIN_FIELDS],
        target: BUNDLE_TARGET,
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        bundleAwsSDK: true,
        forceDockerBundling: false,
        esbuildArgs: {
          '--alias': Object.entries(BUNDLE_ALIASES).map(([module, stand]) => `${module}=${stand}`),
        },
        ...(commandHooks && { commandHooks }),
        ...bundling,
      },
    });

    this.functionLogGroup = logGroup;
    this.executionRole = role;
    // Only the function's own log group, not logs:* on every group (no AWSLambdaBasicExecutionRole).
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    Validations.of(this).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked only synchronously by API Gateway: a failure is returned to the caller as a 5xx (and alarmed on), never queued for retry. Dead-letter queues apply to asynchronous invocations only.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions, so the X-Ray statement CDK adds must use "*". No other statement of this role has a wildcard.',
    });
  }

  /**
   * Sets `TABLE_NAME` and grants exactly the DynamoDB actions of `access`
   * (or the narrower `only`) on the table (only on `leadingKeys` partitions
   * when given), and Query on the named indexes (never with `leadingKeys`:
   * index partitions are other keys).
   * Deliberately not `grantReadData`/`grantReadWriteData`: those add Scan,
   * BatchWriteItem, DescribeTable and more.
   */
  bindTable({ table, access, indexNames = [], only, leadingKeys }: BindTableOptions): void {
    if (this.boundTable) throw new Error(`${this.node.path} is already bound to a table`);
    const allowed = tableActionsFor(access);
    const actions = only ?? allowed;
    const escalating = actions.filter((action) => !allowed.includes(action));
    if (escalating.length > 0) {
      throw new Error(`${this.node.path}: ${escalating.join(', ')} exceed ${access} access`);
    }
    if (actions.length === 0) throw new Error(`${this.node.path}: no table actions to grant`);
    this.boundTable = table;
    this.addEnvironment('TABLE_NAME', table.tableName);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [...actions],
        resources: [table.tableArn],
        ...(leadingKeys && {
          conditions: {
            'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [...leadingKeys] },
          },
        }),
      }),
    );
    if (actions.includes('dynamodb:Query') && indexNames.length > 0 && !leadingKeys) {
      const indexArns = indexNames.map((name) => `${table.tableArn}/index/${name}`);
      this.addToRolePolicy(
        new PolicyStatement({ actions: ['dynamodb:Query'], resources: indexArns }),
      );
    }
  }
}
