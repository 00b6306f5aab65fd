import { ConcurrentChangeError, ConflictError } from '../domain/errors.js';

/**
 * Optimistic concurrency: read, decide, write conditionally, and on a lost
 * race start over from a fresh read. Backoff is exponential with full
 * jitter so that many parties signing one agreement at once spread out
 * instead of colliding again; attempts are bounded so a request never spins.
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 40,
  baseDelayMs: 5,
  maxDelayMs: 200,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export async function retryOnConcurrentChange<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError)) throw error;
      if (tries >= policy.maxAttempts) {
        throw new ConflictError(
          'The record kept changing concurrently; this change was not applied. Retry it.',
          {},
          { cause: error },
        );
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** tries);
      await policy.sleep(policy.random() * ceiling);
    }
  }
}
