import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { HSTS_MAX_AGE_SECONDS } from '../../web/security-headers.js';
import { resourcesOf, type Synthesized, synthesize } from './synth.js';

/**
 * The portal's stack (nested in the API stack): private bucket behind
 * CloudFront with origin access control, the API under `/v1/*` on the same
 * origin, security headers, Cognito managed login, and nothing of the local
 * sign-in.
 */

/** CloudFront's managed origin request policy "AllViewerExceptHostHeader". */
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let synth: Synthesized;
let web: Template;

interface CacheBehavior {
  PathPattern?: string;
  TargetOriginId: string;
  AllowedMethods?: string[];
  CachePolicyId: unknown;
  OriginRequestPolicyId?: unknown;
  ResponseHeadersPolicyId: unknown;
  ViewerProtocolPolicy: string;
}
interface DistributionConfig {
  DefaultRootObject: string;
  DefaultCacheBehavior: CacheBehavior;
  CacheBehaviors: CacheBehavior[];
  Origins: {
    Id: string;
    DomainName: unknown;
    OriginAccessControlId?: unknown;
    S3OriginConfig?: { OriginAccessIdentity: string };
    CustomOriginConfig?: { OriginProtocolPolicy: string };
  }[];
  Logging?: { Bucket: unknown };
}

beforeAll(() => {
  synth = synthesize({ nag: false });
  web = Template.fromStack(synth.api.web);
});

const distributionConfig = () =>
  (
    Object.values(resourcesOf(web, 'AWS::CloudFront::Distribution'))[0]!.Properties as {
      DistributionConfig: DistributionConfig;
    }
  ).DistributionConfig;

describe('the portal bucket and its distribution', () => {
  test('the bucket is private: public access blocked, TLS only, readable by this distribution alone', () => {
    web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'portal-bucket/' },
    });
    const policies = JSON.stringify(resourcesOf(web, 'AWS::S3::BucketPolicy'));
    expect(policies).toContain('"Service":"cloudfront.amazonaws.com"');
    expect(policies).toContain('AWS:SourceArn');
    expect(policies).toContain('"aws:SecureTransport":"false"');
    expect(policies).not.toMatch(/"Principal":"\*","Resource"[^}]*"Effect":"Allow"/);
  });

  test('the default behaviour serves the bucket through origin access control (no OAI)', () => {
    web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    web.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBe('index.html');
    const s3 = config.Origins.find(
      (origin) => origin.Id === config.DefaultCacheBehavior.TargetOriginId,
    )!;
    expect(s3.OriginAccessControlId).toBeDefined();
    expect(s3.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Logging).toBeDefined();
  });

  test('/v1/* goes to the HTTP API over HTTPS, every method, Host rewritten, Authorization forwarded', () => {
    const config = distributionConfig();
    const api = config.CacheBehaviors.find((behavior) => behavior.PathPattern === '/v1/*')!;
    expect(api).toBeDefined();
    expect(config.CacheBehaviors).toHaveLength(1);
    expect(api.AllowedMethods).toEqual(
      expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
    );
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    expect(api.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
    const origin = config.Origins.find((candidate) => candidate.Id === api.TargetOriginId)!;
    expect(origin.CustomOriginConfig?.OriginProtocolPolicy).toBe('https-only');
    const domain = JSON.stringify(origin.DomainName);
    expect(domain).toContain('.execute-api.');
    expect(domain).toMatch(/referencetoSigningTrackerApiHttpApi/i);

    const cachePolicy = Object.values(resourcesOf(web, 'AWS::CloudFront::CachePolicy'))[0]!
      .Properties as {
      CachePolicyConfig: {
        DefaultTTL: number;
        MinTTL: number;
        ParametersInCacheKeyAndForwardedToOrigin: {
          HeadersConfig: { HeaderBehavior: string; Headers: string[] };
          QueryStringsConfig: { QueryStringBehavior: string };
        };
      };
    };
    expect(api.CachePolicyId).toEqual({ Ref: expect.stringMatching(/^ApiPassThrough/) });
    const { DefaultTTL, MinTTL, ParametersInCacheKeyAndForwardedToOrigin } =
      cachePolicy.CachePolicyConfig;
    expect([DefaultTTL, MinTTL]).toEqual([0, 0]);
    expect(ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig).toEqual({
      HeaderBehavior: 'whitelist',
      Headers: ['Authorization'],
    });
    expect(ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior).toBe(
      'all',
    );
  });

  test('every response carries CSP (frame-ancestors none), HSTS, nosniff and DENY framing', () => {
    const policy = Object.values(resourcesOf(web, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]!
      .Properties as {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: unknown; Override: boolean };
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: number;
            IncludeSubdomains: boolean;
            Override: boolean;
          };
          ContentTypeOptions: { Override: boolean };
          FrameOptions: { FrameOption: string };
        };
      };
    };
    const headers = policy.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "connect-src 'self' https://cognito-idp.",
    ])
      expect(csp).toContain(directive);
    expect(csp).toContain('.amazoncognito.com');
    expect(csp).not.toContain('unsafe-inline');
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(headers.ContentTypeOptions.Override).toBe(true);
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    const config = distributionConfig();
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(behavior.ResponseHeadersPolicyId).toEqual({
        Ref: expect.stringMatching(/^SecurityHeaders/),
      });
  });

  test('the built portal and its config.json are deployed to the bucket, then the cache is invalidated', () => {
    web.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/*'],
    });
    const deployment = Object.values(resourcesOf(web, 'Custom::CDKBucketDeployment'))[0]!
      .Properties as { SourceObjectKeys: unknown[]; SourceMarkers?: unknown[] };
    // The Vite build and the generated config.json.
    expect(deployment.SourceObjectKeys).toHaveLength(2);
    // config.json's deploy-time values: the user pool (authority) and the portal client.
    const markers = JSON.stringify(deployment.SourceMarkers);
    expect(markers).toMatch(/PortalClient/);
    expect(markers).toMatch(/UserPool/);
    expect(markers).toMatch(/Distribution/);
  });
});

describe('signing in with Cognito managed login', () => {
  test('a managed login domain (v2) with a branding style for the portal client', () => {
    web.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    web.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UseCognitoProvidedValues: true,
    });
  });

  test('the portal client: public, authorization code only, callbacks on the distribution', () => {
    web.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const client = Object.values(resourcesOf(web, 'AWS::Cognito::UserPoolClient'))[0]!
      .Properties as Record<string, unknown>;
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email', 'profile']),
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      WriteAttributes: ['name'],
      ReadAttributes: expect.arrayContaining(['custom:party']),
    });
    for (const urls of [client.CallbackURLs, client.LogoutURLs]) {
      expect(urls).toHaveLength(1);
      const url = JSON.stringify(urls);
      expect(url).toContain('https://');
      expect(url).toMatch(/Distribution[0-9A-F]*","DomainName"/);
    }
  });

  test("the API's authorizer accepts the portal client's ID tokens", () => {
    const authorizer = Object.values(
      resourcesOf(synth.apiTemplate, 'AWS::ApiGatewayV2::Authorizer'),
    )[0]!.Properties as { JwtConfiguration: { Audience: unknown[] } };
    expect(JSON.stringify(authorizer.JwtConfiguration.Audience[1])).toMatch(
      /Outputs\.SigningTrackerApiWebPortalClient/,
    );
    synth.apiTemplate.hasOutput('PortalUrl', {});
    synth.apiTemplate.resourceCountIs('AWS::CloudFormation::Stack', 1);
  });
});

describe('the local sign-in is not deployed', () => {
  test('no template names the local authority, its issuer or its client', () => {
    const everything = JSON.stringify([
      synth.statefulTemplate.toJSON(),
      synth.apiTemplate.toJSON(),
      web.toJSON(),
    ]);
    for (const local of [
      'local-oidc',
      'signing-tracker.local',
      'signing-tracker-local',
      '127.0.0.1',
    ])
      expect(everything).not.toContain(local);
  });
});
