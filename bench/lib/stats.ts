/**
 * Small statistics for benchmark samples: medians with their spread, and
 * ratios of medians. Nothing here judges a number; it only summarises.
 */

export interface Summary {
  /** Number of samples (after warm-up). */
  readonly n: number;
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/** Linear-interpolated quantile of sorted values (q in 0..1). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower]!;
  const high = sorted[upper]!;
  return low + (high - low) * (position - lower);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    p99: quantile(sorted, 0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length > 0 ? sum / sorted.length : Number.NaN,
  };
}

/** project / baseline of two medians (or any two numbers), NaN-safe. */
export function ratio(project: number, baseline: number): number {
  return baseline > 0 ? project / baseline : Number.NaN;
}

/** Rounds for display and for results.json (sub-ms precision is noise on a shared machine). */
export function round(value: number, places = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/** `12.3 ms (11.9–13.0)`: median with p25–p75. */
export function formatMs(summary: Summary): string {
  return `${fmt(summary.median)} ms (${fmt(summary.p25)}–${fmt(summary.p75)})`;
}

export function fmt(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export const now = () => performance.now();

/** Times one async call in milliseconds. */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = now();
  const value = await run();
  return { ms: now() - start, value };
}
