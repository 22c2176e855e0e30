/**
 * Pure metrics of the benchmarks (no model, no I/O), unit-tested in test/unit/metrics.test.ts:
 * WSD baselines (the scores themselves live with the engine, which chooses the probe's settings
 * with them), and the mean / spread / quantiles of timings.
 */
import { accuracy, macroF1 } from '../src/senses/validation';

export { accuracy, macroF1, stratifiedSplit } from '../src/senses/validation';

/**
 * The most frequent label; ties go to the label listed first in `order` (e.g. the sense's class
 * number), then to the label seen first. Undefined for an empty list.
 */
export function mostFrequent(labels: readonly string[], order: readonly string[] = []): string | undefined {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const rank = (l: string) => {
    const i = order.indexOf(l);
    return i < 0 ? order.length : i;
  };
  let best: string | undefined;
  for (const [label, count] of counts) {
    if (best === undefined) {
      best = label;
      continue;
    }
    const bestCount = counts.get(best)!;
    if (count > bestCount || (count === bestCount && rank(label) < rank(best))) best = label;
  }
  return best;
}

/** Most-frequent-sense baseline: the most frequent *training* label predicted for every test item. */
export function mfsBaseline(
  train: readonly string[],
  test: readonly string[],
  order: readonly string[] = [],
): { sense: string | undefined; accuracy: number; macroF1: number } {
  const sense = mostFrequent(train, order);
  const predicted = test.map(() => sense ?? '');
  return { sense, accuracy: accuracy(test, predicted), macroF1: macroF1(test, predicted) };
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (n − 1 in the denominator); 0 for a single value, NaN for none. */
export function std(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  if (values.length === 1) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

/** Linearly interpolated quantile (`q` in [0, 1]) of unsorted values; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

/** Count, median, 95th percentile, maximum and mean of a list of timings. */
export function latencyStats(values: readonly number[]): { n: number; p50: number; p95: number; max: number; mean: number } {
  return { n: values.length, p50: quantile(values, 0.5), p95: quantile(values, 0.95), max: Math.max(...values), mean: mean(values) };
}
