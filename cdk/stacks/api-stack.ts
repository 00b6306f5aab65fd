import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Lazy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IStringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { DOCS_PACKAGE_FILES } from '../../shared/contract/docs-assets.js';
import {
  FUNCTION_NAMES,
  LAMBDA_FUNCTIONS,
  tableActionsOf,
} from '../../shared/contract/functions.js';
import { answeredMethods, type FunctionName, routeKeyOf } from '../../shared/contract/route.js';
import { routes } from '../../shared/contract/routes.js';
import {
  API_THROTTLE,
  FUNCTION_SETTINGS,
  LOG_RETENTION,
  METRICS_NAMESPACE,
  SERVICE_NAME,
  sealSignerRoleName,
} from '../config.js';
import { ApiAlarms } from '../constructs/api-alarms.js';
import { ApiFunction } from '../constructs/api-function.js';
import { lazyModuleCommands, PDF_LAZY_MODULES } from '../constructs/bundle-options.js';
import { WebStack } from './web-stack.js';

/** Repository root: entry files, package-lock.json and node_modules (fonts) live here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the pdf function finds its fonts at run time (the asset root is /var/task). */
export const PDF_FONT_DIR = '/var/task/fonts';

/** Where the public function finds the Swagger UI assets of the docs page. */
export const DOCS_ASSET_DIR = '/var/task/docs';
export const PDF_FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;
export const PDF_FONT_LICENSE = 'LICENSE-DejaVu.txt';
/**
 * The CJK fallback (Noto Sans SC, SIL OFL) as the renderer reads it: the
 * range index, the WOFF files of the two weights used, and the licence.
 */
export const PDF_FALLBACK_FONT_FOLDER = 'noto-sans-sc';
export const PDF_FALLBACK_WEIGHTS = [400, 700] as const;

/**
 * The fallback's files of one weight: those its range index (`unicode.json`)
 * names, which the renderer picks from by code point; not the package's
 * whole-font files, which it never reads.
 */
export function pdfFallbackFiles(weight: number): string[] {
  const index = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/unicode.json');
  return Object.keys(JSON.parse(readFileSync(index, 'utf8')) as Record<string, string>).map(
    (key) => `noto-sans-sc-${key.replace(/[[\]]/g, '')}-${weight}-normal.woff`,
  );
}

/**
 * API Gateway's catch-all route. It goes to the public function, which
 * answers unmatched paths with problem+json 404/405 (see
 * shared/http/api-handler.ts) instead of API Gateway's bare `Not Found`.
 */
export const CATCH_ALL_ROUTE_KEY = '$default';

/** Functions that read the seal's certificate; only `pdf` may also sign. */
const SEAL_USERS: readonly FunctionName[] = ['pdf', 'sealCheck'];

export interface ApiStackProps extends StackProps {
  readonly table: ITableV2;
  readonly indexNames: readonly string[];
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly sealKey: IKey;
  readonly sealCertificate: IStringParameter;
  /** Subscribes this address to the alarm topic (context `alarmEmail`). */
  readonly alarmEmail?: string;
  /** Prefix of the Cognito managed login domain (context `authDomainPrefix`). */
  readonly authDomainPrefix?: string;
}

/**
 * The stateless part: HTTP API, Lambda functions and alarms. Routes come
 * from `shared/contract/routes.ts`, the same table the local server uses, so the
 * two cannot drift.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Readonly<Record<FunctionName, ApiFunction>>;
  /** The portal: CloudFront in front of its bucket and of this API, and its sign-in client. */
  readonly web: WebStack;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    this.functions = this.createFunctions(props);

    const jwtAuthorizer = new HttpJwtAuthorizer(
      'CognitoIdToken',
      // Cross-stack references need both stacks in one region, so the pool's region is ours.
      `https://cognito-idp.${this.region}.amazonaws.com/${props.userPool.userPoolId}`,
      {
        authorizerName: 'cognito-id-token',
        // ID tokens carry `aud` = app client id, `cognito:groups` and `custom:party` (cdk/README.md):
        // those of the operators' client and of the portal's (created below, with the API known).
        jwtAudience: [
          props.userPoolClient.userPoolClientId,
          Lazy.string({ produce: () => this.web.portalClient.userPoolClientId }),
        ],
        identitySource: ['$request.header.Authorization'],
      },
    );

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: SERVICE_NAME,
      description: 'Signing tracker: who signed which agreement, when, where and in what capacity',
      createDefaultStage: false,
      // Anything added outside the route table is protected unless it opts out explicitly.
      defaultAuthorizer: jwtAuthorizer,
    });

    this.web = new WebStack(this, 'Web', {
      description: 'Signing tracker: the portal (S3 + CloudFront) and its Cognito sign-in',
      httpApi: this.api,
      userPool: props.userPool,
      ...(props.authDomainPrefix && { authDomainPrefix: props.authDomainPrefix }),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName) => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${name}Integration`, this.functions[name]);
        integrations.set(name, integration);
      }
      return integration;
    };

    for (const route of routes) {
      const isPublic = route.roles === 'public';
      const httpRoutes = this.api.addRoutes({
        path: route.path,
        methods: answeredMethods(route).map((method) => HttpMethod[method]),
        integration: integrationFor(route.function),
        authorizer: isPublic ? new HttpNoneAuthorizer() : jwtAuthorizer,
      });
      for (const httpRoute of isPublic ? httpRoutes : []) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${routeKeyOf(route)} is public by design in shared/contract/routes.ts (${route.summary}); it reaches only the public function, whose role may do nothing but dynamodb:GetItem on the health item.`,
        });
      }
    }

    const catchAll = new HttpRoute(this, 'CatchAllRoute', {
      httpApi: this.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: integrationFor('public'),
      authorizer: new HttpNoneAuthorizer(),
    });
    Validations.of(catchAll).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        '$default only catches requests no route matched and sends them to the public function, which answers 404/405 problem+json; it serves no data and stage throttling bounds its cost.',
    });

    // Not KMS-encrypted: it carries only alarm state changes, and CloudWatch cannot publish
    // to a topic under the AWS-managed SNS key (a customer-managed key would be needed).
    const alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `${SERVICE_NAME} alarms`,
      enforceSSL: true,
    });
    if (props.alarmEmail) alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    new ApiAlarms(this, 'Alarms', {
      api: this.api,
      accessLogs,
      metricsNamespace: METRICS_NAMESPACE,
      functions: Object.values(this.functions),
      table: props.table,
      topic: alarmTopic,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'UserPoolId', { value: props.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', {
      value: props.userPoolClient.userPoolClientId,
      description: 'App client id: the audience of the ID tokens the API accepts',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
    new CfnOutput(this, 'PortalUrl', {
      value: `https://${this.web.distribution.distributionDomainName}/`,
      description: 'The portal (and the API under /v1/ on the same origin)',
    });
    new CfnOutput(this, 'PortalClientId', {
      value: this.web.portalClient.userPoolClientId,
      description: "The portal's app client (authorization code + PKCE, managed login)",
    });
  }

  private createFunctions(props: ApiStackProps): Record<FunctionName, ApiFunction> {
    const entries = FUNCTION_NAMES.map((name) => {
      const settings = FUNCTION_SETTINGS[name];
      const fn = new ApiFunction(this, functionId(name), {
        entry: join(REPO_ROOT, LAMBDA_FUNCTIONS[name].entry),
        projectRoot: REPO_ROOT,
        depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
        description: settings.description,
        memorySize: settings.memorySize,
        timeout: settings.timeout,
        logRetention: LOG_RETENTION,
        environment: {
          POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
          POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
          LOG_FORMAT: 'json',
          ...(name === 'pdf' && { PDF_FONT_DIR }),
          ...(name === 'public' && { DOCS_ASSET_DIR }),
        },
        ...(name === 'pdf' && { roleName: sealSignerRoleName(this.region) }),
        // The certificate is read through AWS's Parameters and Secrets extension
        // (shared/seal/parameters-extension.ts) rather than a bundled SSM client.
        ...(SEAL_USERS.includes(name) && {
          paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(
            ParamsAndSecretsVersions.V1_0_103,
            { logLevel: ParamsAndSecretsLogLevel.WARN, parameterStoreTtl: Duration.minutes(5) },
          ),
        }),
        ...(name === 'pdf' && {
          bundling: { externalModules: [...PDF_LAZY_MODULES] },
          afterBundling: (inputDir: string, outputDir: string) => {
            const dejavu = `${inputDir}/node_modules/dejavu-fonts-ttf`;
            const noto = {
              from: `${inputDir}/node_modules/@fontsource/noto-sans-sc`,
              to: `${outputDir}/fonts/${PDF_FALLBACK_FONT_FOLDER}`,
            };
            return [
              `mkdir -p "${outputDir}/fonts"`,
              ...PDF_FONTS.map((font) => `cp "${dejavu}/ttf/${font}" "${outputDir}/fonts/${font}"`),
              // The licence travels with the fonts (Bitstream Vera licence).
              `cp "${dejavu}/LICENSE" "${outputDir}/fonts/${PDF_FONT_LICENSE}"`,
              `mkdir -p "${noto.to}/files"`,
              `cp "${noto.from}/unicode.json" "${noto.from}/LICENSE" "${noto.to}/"`,
              ...PDF_FALLBACK_WEIGHTS.map(
                (weight) =>
                  `cd "${noto.from}/files" && cp ${pdfFallbackFiles(weight).join(' ')} "${noto.to}/files/"`,
              ),
              ...lazyModuleCommands(inputDir, outputDir),
            ];
          },
        }),
        ...(name === 'public' && {
          afterBundling: (inputDir: string, outputDir: string) => {
            const swaggerUi = `${inputDir}/node_modules/swagger-ui-dist`;
            return [
              `mkdir -p "${outputDir}/docs"`,
              ...[...Object.keys(DOCS_PACKAGE_FILES), 'LICENSE', 'NOTICE'].map(
                (file) => `cp "${swaggerUi}/${file}" "${outputDir}/docs/${file}"`,
              ),
            ];
          },
        }),
      });
      // In Lambda the seal key is found by its alias and the certificate by its parameter name
      // (shared/seal/seal-key-from-env.ts); these grants are what makes them usable.
      if (SEAL_USERS.includes(name)) props.sealCertificate.grantRead(fn);
      // Sign and nothing else, on this key alone (the key's policy refuses every other signer).
      if (name === 'pdf')
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['kms:Sign'], resources: [props.sealKey.keyArn] }),
        );
      fn.bindTable({
        table: props.table,
        access: LAMBDA_FUNCTIONS[name].tableAccess,
        indexNames: props.indexNames,
        only: tableActionsOf(name),
        ...(LAMBDA_FUNCTIONS[name].tableLeadingKeys && {
          leadingKeys: LAMBDA_FUNCTIONS[name].tableLeadingKeys,
        }),
      });
      return [name, fn] as const;
    });
    return Object.fromEntries(entries) as Record<FunctionName, ApiFunction>;
  }
}

/** Construct id of a function: `writes` → `WritesFunction`. */
export const functionId = (name: FunctionName) =>
  `${name.charAt(0).toUpperCase()}${name.slice(1)}Function`;
