/**
 * `load` run once per container and its result kept; a failure is not kept,
 * so the next request tries again (a KMS hiccup must not poison a warm
 * container). For the seal key, its certificate and the sealer.
 */
export function onceUntilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
