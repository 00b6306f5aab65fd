import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * Where the public reaches this API, for links printed into documents (the
 * verification URL of a sealed summary): `PUBLIC_BASE_URL` when set (a
 * custom domain, or CloudFront in front of the API), else the scheme and
 * host the request came in on, as API Gateway reports them.
 */
export function publicBaseUrl(
  event: APIGatewayProxyEventV2,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const scheme = event.headers['x-forwarded-proto'] === 'http' ? 'http' : 'https';
  return `${scheme}://${event.requestContext.domainName}`;
}
