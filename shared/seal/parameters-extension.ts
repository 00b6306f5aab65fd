import { request } from 'node:http';

/**
 * Reads an SSM String parameter through the AWS Parameters and Secrets
 * Lambda Extension (the layer the stack gives the functions that read the
 * seal's certificate): a GET on localhost with the function's session token,
 * answered from the extension's cache. The SSM client this replaces was
 * 175 KB of the pdf bundle, parsed at every cold start for one call
 * (docs/benchmarks.md). node:http rather than fetch, which loads undici on
 * its first call.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-integration-lambda-extensions.html
 */
export type ParameterReader = (name: string) => Promise<string | undefined>;

/**
 * SSM's throttling is a 400 that the extension passes on, and the extension
 * itself answers 400 while it is still starting: both are worth another try.
 */
const TRANSIENT = /Throttl|Rate exceeded|not ready/i;

/**
 * An answer of the extension other than 200, with its status as the SDK's
 * errors carry theirs; named `ServiceUnavailable` when it is transient, so
 * that it becomes a 503 with Retry-After (shared/store/errors.ts).
 */
export class ParameterReadError extends Error {
  readonly $metadata: { httpStatusCode: number };
  readonly transient: boolean;
  constructor(name: string, status: number, body: string) {
    super(
      `The Parameters and Secrets extension answered ${status} for ${name}: ${body.slice(0, 200)}`,
    );
    this.transient = status >= 500 || status === 429 || TRANSIENT.test(body);
    this.name = this.transient ? 'ServiceUnavailable' : 'ParameterReadError';
    this.$metadata = { httpStatusCode: status };
  }
}

const TIMEOUT_MS = 3_000;
/** One more try after a transient answer, as the SDK client retried. */
const RETRY_DELAY_MS = 100;

export function parametersExtension(env: NodeJS.ProcessEnv = process.env): ParameterReader {
  const read = readOnce(env);
  return async (name) => {
    try {
      return await read(name);
    } catch (error) {
      if (!(error instanceof ParameterReadError && error.transient)) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      return read(name);
    }
  };
}

function readOnce(env: NodeJS.ProcessEnv): ParameterReader {
  const port = Number(env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? 2773);
  return (name) =>
    new Promise((resolve, reject) => {
      const call = request(
        {
          host: 'localhost',
          port,
          path: `/systemsmanager/parameters/get?name=${encodeURIComponent(name)}`,
          headers: { 'X-Aws-Parameters-Secrets-Token': env.AWS_SESSION_TOKEN ?? '' },
          timeout: TIMEOUT_MS,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== 200) {
              reject(new ParameterReadError(name, response.statusCode ?? 0, body));
              return;
            }
            try {
              resolve((JSON.parse(body) as { Parameter?: { Value?: string } }).Parameter?.Value);
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      call.on('timeout', () =>
        call.destroy(
          Object.assign(new Error(`No answer for ${name} in ${TIMEOUT_MS} ms`), {
            name: 'TimeoutError',
          }),
        ),
      );
      call.on('error', reject);
      call.end();
    });
}
