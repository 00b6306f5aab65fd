import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  Aws,
  type CfnElement,
  CfnOutput,
  DockerImage,
  Duration,
  NestedStack,
  type NestedStackProps,
  RemovalPolicy,
  Validations,
} from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  CfnManagedLoginBranding,
  type IUserPool,
  ManagedLoginVersion,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { WEB_DIR } from '../../shared/local/portal-build.js';
import { HSTS_MAX_AGE_SECONDS, portalContentSecurityPolicy } from '../../web/security-headers.js';
import { clientReadAttributes, clientWriteAttributes, SERVICE_NAME } from '../config.js';

/**
 * The portal in AWS: its static build in a private S3 bucket behind
 * CloudFront (origin access control), with `/v1/*` routed to the HTTP API
 * so that the portal and the API share one origin (no CORS), security
 * headers on every response, and Cognito managed login (a domain and an app
 * client with the authorization code grant and PKCE).
 *
 * A nested stack of the API stack: the API's JWT authorizer must accept the
 * portal client's ID tokens, and the distribution must know the API, so the
 * two cannot be separate top-level stacks without a dependency cycle.
 *
 * The local sign-in (`shared/local/local-oidc.ts`) is no part of it: the
 * deployed `/config.json` names Cognito.
 */

export interface WebStackProps extends NestedStackProps {
  readonly httpApi: IHttpApi;
  readonly userPool: IUserPool;
  /** Prefix of the Cognito domain `<prefix>.auth.<region>.amazoncognito.com` (context `authDomainPrefix`). */
  readonly authDomainPrefix?: string;
}

const require = createRequire(import.meta.url);

/** Builds the portal with Vite on the machine that synthesizes (no Docker needed). */
function portalSource() {
  return Source.asset(WEB_DIR, {
    exclude: ['dist', 'node_modules'],
    bundling: {
      // Only used if local bundling were impossible; the local build always runs here.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      local: {
        tryBundle(outputDir) {
          const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
          execFileSync(process.execPath, [vite, 'build', WEB_DIR, '--outDir', outputDir], {
            stdio: ['ignore', 'ignore', 'inherit'],
          });
          return true;
        },
      },
    },
  });
}

export class WebStack extends NestedStack {
  readonly distribution: Distribution;
  readonly portalClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket receives the CloudFront and portal-bucket access logs; logging it into itself would loop, and a further bucket would only move the finding.',
    });

    this.bucket = new Bucket(this, 'Portal', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'portal-bucket/',
      // Rebuilt by every deployment: nothing in it is data.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    const domainPrefix = props.authDomainPrefix ?? `${SERVICE_NAME}-${Aws.ACCOUNT_ID}`;
    const region = Aws.REGION;
    const cognitoIdp = `https://cognito-idp.${region}.amazonaws.com`;
    const managedLogin = `https://${domainPrefix}.auth.${region}.amazoncognito.com`;

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Signing tracker portal and API: CSP, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: portalContentSecurityPolicy([cognitoIdp, managedLogin]),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    // The API: never cached (TTL 0 unless it says otherwise), and keyed by the bearer token so
    // CloudFront forwards Authorization; the origin request policy passes every other viewer header
    // (Idempotency-Key, If-Match, Accept…) but Host, which API Gateway needs to be its own.
    const apiCache = new CachePolicy(this, 'ApiPassThrough', {
      comment: 'Signing tracker API: forward Authorization, cache nothing by default',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Signing tracker: portal and API on one origin',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new HttpOrigin(`${props.httpApi.apiId}.execute-api.${region}.${Aws.URL_SUFFIX}`, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: apiCache,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          compress: true,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Delegations of every member state sign in from wherever they are; a geographic restriction would lock out the very users the portal serves.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL yet: the API behind /v1/* is protected by the JWT authorizer and stage throttling, and the rest are static files. Attach a WAF ACL (us-east-1) when the threat model asks for it.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate only allows TLSv1 as minimum; TLS 1.2 (TLSv1.2_2021) is enforced once a custom domain with its ACM certificate is attached.',
      },
    );

    const portalUrl = `https://${this.distribution.distributionDomainName}/`;
    this.domain = new UserPoolDomain(this, 'ManagedLoginDomain', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.portalClient = new UserPoolClient(this, 'PortalClient', {
      userPool: props.userPool,
      userPoolClientName: `${SERVICE_NAME}-portal`,
      // A browser application: a public client, PKCE instead of a secret.
      generateSecret: false,
      // Managed login signs in with SRP (the password never leaves the browser in clear).
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [portalUrl],
        logoutUrls: [portalUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day; the portal renews the ID token with it before it expires.
      refreshTokenValidity: Duration.hours(12),
      readAttributes: clientReadAttributes(),
      writeAttributes: clientWriteAttributes(),
    });
    // Managed login (v2) shows a page only for clients with a branding style; Cognito's defaults.
    new CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.portalClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    const deployment = new BucketDeployment(this, 'DeployPortal', {
      destinationBucket: this.bucket,
      sources: [
        portalSource(),
        // The runtime settings of the same build: Cognito here, the local sign-in on a workstation.
        Source.jsonData('config.json', {
          authority: `${cognitoIdp}/${props.userPool.userPoolId}`,
          clientId: this.portalClient.userPoolClientId,
          redirectUri: portalUrl,
          postLogoutRedirectUri: portalUrl,
          endSessionEndpoint: `${managedLogin}/logout`,
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    const deploymentHandler = this.node
      .findAll()
      .find((construct) => construct.node.id.startsWith('Custom::CDKBucketDeployment'));
    for (const target of [deployment, ...(deploymentHandler ? [deploymentHandler] : [])]) {
      Validations.of(target).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            "CDK's BucketDeployment handler runs only during deployment with AWSLambdaBasicExecutionRole for its logs; it serves no request.",
        },
        ...[
          'Action::s3:GetBucket*',
          'Action::s3:GetObject*',
          'Action::s3:List*',
          'Action::s3:Abort*',
          'Action::s3:DeleteObject*',
          'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
          `Resource::<${this.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*`,
        ].map((finding) => ({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason:
            "CDK's BucketDeployment handler syncs the portal's files from the CDK asset bucket into the portal bucket (aws s3 sync): object-key wildcards on those two buckets only, granted by aws-cdk-lib.",
        })),
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            "CDK's BucketDeployment handler invalidates the distribution after a deployment; cloudfront:CreateInvalidation and GetInvalidation grant no resource-level scoping in the policy aws-cdk-lib writes.",
        },
        {
          id: 'AwsSolutions-L1',
          reason:
            "The BucketDeployment handler's runtime is chosen by aws-cdk-lib (Python with the AWS CLI layer); it is updated with aws-cdk-lib.",
        },
        {
          id: 'Serverless-LambdaDLQ',
          reason:
            'Invoked synchronously by CloudFormation during deployment; a failure fails the deployment, there is nothing to queue.',
        },
        {
          id: 'Serverless-LambdaTracing',
          reason:
            'A deployment-time copy job owned by aws-cdk-lib; tracing it would trace CloudFormation, not the service.',
        },
        {
          id: 'Serverless-LambdaDefaultMemorySize',
          reason:
            'Memory set to 512 MB through BucketDeployment.memoryLimit, enough for the AWS CLI sync of a few hundred kilobytes.',
        },
        {
          id: 'Serverless-LambdaLatestVersion',
          reason:
            "The BucketDeployment handler's runtime is chosen by aws-cdk-lib and follows its releases.",
        },
        {
          id: 'Serverless-LambdaAsyncFailureDestination',
          reason:
            'Invoked synchronously by CloudFormation during deployment; there are no asynchronous invocations to send anywhere.',
        },
      );
    }

    new CfnOutput(this, 'PortalUrl', { value: portalUrl });
    new CfnOutput(this, 'ManagedLoginUrl', { value: managedLogin });
    new CfnOutput(this, 'PortalClientId', { value: this.portalClient.userPoolClientId });
  }
}
