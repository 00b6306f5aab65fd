/**
 * Sending a state-changing request over an unreliable network (a hall's
 * Wi-Fi): the caller fixes the request, Idempotency-Key included, once per
 * intent; this resends exactly that request while the outcome is unknown.
 *
 * - network failure (no response): resend; the server either never saw it
 *   or replays the first response for the same key;
 * - 503: resend after `Retry-After` (capped);
 * - 409 without a `current` state after an attempt was lost: the first
 *   attempt is still in flight on the server, so ask again shortly.
 *
 * Anything else is the answer.
 */

export interface RetryOptions {
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function isInFlightConflict(response: Response): Promise<boolean> {
  if (response.status !== 409) return false;
  try {
    const problem = (await response.clone().json()) as { current?: unknown };
    return problem.current === undefined;
  } catch {
    return false;
  }
}

export async function sendWithRetry(
  send: () => Promise<Response>,
  { attempts = 6, baseDelayMs = 400, maxDelayMs = 5_000, sleep = defaultSleep }: RetryOptions = {},
): Promise<Response> {
  let lostAttempt = false;
  for (let attempt = 1; ; attempt++) {
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      if (attempt >= attempts) throw error;
      lostAttempt = true;
      await sleep(delay);
      continue;
    }
    if (attempt >= attempts) return response;
    if (response.status === 503) {
      const retryAfter = Number(response.headers.get('retry-after'));
      await sleep(
        Number.isFinite(retryAfter) && retryAfter > 0
          ? Math.min(maxDelayMs, retryAfter * 1000)
          : delay,
      );
      continue;
    }
    if (lostAttempt && (await isInFlightConflict(response))) {
      await sleep(delay);
      continue;
    }
    return response;
  }
}

/**
 * Idempotency keys, one per intent: the same action with the same body gets
 * the same key until it succeeded, so pressing the button again after a
 * failure the user saw can never record twice.
 */
export class IntentKeys {
  private readonly keys = new Map<string, { body: string; key: string }>();

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  keyFor(scope: string, body: unknown): string {
    const serialized = JSON.stringify(body ?? null);
    const known = this.keys.get(scope);
    if (known && known.body === serialized) return known.key;
    const key = this.newKey();
    this.keys.set(scope, { body: serialized, key });
    return key;
  }

  /** The intent was carried out (or definitively refused): the next one gets a new key. */
  settle(scope: string): void {
    this.keys.delete(scope);
  }
}
