import { IntentKeys, sendWithRetry } from '../lib/retry.js';
import type { components, paths } from './openapi.js';

/**
 * The portal's only door to the service: the public HTTP API on the same
 * origin, typed by the OpenAPI document (`openapi.d.ts` is generated from it).
 */

export type Schemas = components['schemas'];
export type Conference = Schemas['Conference'];
export type Agreement = Schemas['Agreement'];
export type AgreementSummary = Schemas['AgreementSummary'];
export type Signatory = Schemas['Signatory'];
export type Ceremony = Schemas['Ceremony'];
export type AuditEvent = Schemas['AuditEvent'];
export type Problem = Schemas['Problem'];

type Method = 'get' | 'post';
type OperationOf<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type PathsWith<M extends Method> = {
  [P in keyof paths]: [OperationOf<P, M>] extends [never] ? never : P;
}[keyof paths];
type PathParams<O> = O extends { parameters: { path: infer X } } ? X : never;
type QueryParams<O> = O extends { parameters: { query?: infer Q } } ? Q : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Success<O> = O extends { responses: infer R }
  ? JsonOf<R[200 & keyof R]> | JsonOf<R[201 & keyof R]>
  : never;
type RequestBody<O> = O extends { requestBody?: { content: { 'application/json': infer B } } }
  ? B
  : undefined;

interface Params<O> {
  readonly path?: PathParams<O>;
  readonly query?: QueryParams<O>;
}

export interface Reply<T> {
  readonly body: T;
  /** The resource version of `ETag` (`"3"` → 3), where the response carries one. */
  readonly version?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** The server could not be reached, even after retrying. */
export class NetworkError extends Error {}

function expand(template: string, params: object | undefined, query: object | undefined): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String((params as Record<string, unknown> | undefined)?.[name] ?? '')),
  );
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const versionOf = (response: Response) => {
  const match = /^(?:W\/)?"(\d+)"$/.exec(response.headers.get('etag') ?? '');
  return match ? Number(match[1]) : undefined;
};

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Partial<Problem> = {};
  try {
    problem = (await response.json()) as Partial<Problem>;
  } catch {
    // Not a problem document (a proxy's page): the status says enough.
  }
  return new ApiError(response.status, problem);
}

export class Api {
  /** One Idempotency-Key per intent, across retries and repeated presses. */
  readonly intents = new IntentKeys();

  constructor(
    private readonly token: () => string | undefined,
    private readonly onUnauthenticated: () => void,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const token = this.token();
    return { ...(token && { authorization: `Bearer ${token}` }), ...extra };
  }

  private async check(response: Response): Promise<Response> {
    if (response.ok) return response;
    if (response.status === 401) this.onUnauthenticated();
    throw await problemOf(response);
  }

  async get<P extends PathsWith<'get'>>(
    path: P,
    params: Params<OperationOf<P, 'get'>> = {},
  ): Promise<Reply<Success<OperationOf<P, 'get'>>>> {
    let response: Response;
    try {
      response = await sendWithRetry(() =>
        fetch(expand(path, params.path, params.query), {
          headers: this.headers({ accept: 'application/json' }),
        }),
      );
    } catch {
      throw new NetworkError(path);
    }
    await this.check(response);
    const version = versionOf(response);
    return { body: await response.json(), ...(version !== undefined && { version }) };
  }

  /**
   * A state-changing POST: its Idempotency-Key is fixed per intent (`scope`
   * and body), it is resent on network failure, and `ifMatch` refuses to act
   * on a stale view (412).
   */
  async post<P extends PathsWith<'post'>>(
    path: P,
    request: Params<OperationOf<P, 'post'>> & {
      readonly body: RequestBody<OperationOf<P, 'post'>>;
      readonly scope: string;
      readonly ifMatch?: number;
    },
  ): Promise<Reply<Success<OperationOf<P, 'post'>>>> {
    const key = this.intents.keyFor(request.scope, request.body);
    const headers = this.headers({
      'content-type': 'application/json',
      'idempotency-key': key,
      ...(request.ifMatch !== undefined && { 'if-match': `"${request.ifMatch}"` }),
    });
    const body = JSON.stringify(request.body ?? {});
    let response: Response;
    try {
      response = await sendWithRetry(() =>
        fetch(expand(path, request.path, undefined), { method: 'POST', headers, body }),
      );
    } catch {
      throw new NetworkError(path);
    }
    // A definitive answer, success or refusal: the next press is a new intent.
    if (response.status < 500) this.intents.settle(request.scope);
    await this.check(response);
    const version = versionOf(response);
    return { body: await response.json(), ...(version !== undefined && { version }) };
  }

  /** A file the API renders (PDF, NDJSON, CSV), as the browser saves it. */
  async download(path: string, accept: string, fileName: string): Promise<void> {
    let response: Response;
    try {
      response = await sendWithRetry(() => fetch(path, { headers: this.headers({ accept }) }));
    } catch {
      throw new NetworkError(path);
    }
    await this.check(response);
    saveFile(await response.blob(), fileName);
  }
}

export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
