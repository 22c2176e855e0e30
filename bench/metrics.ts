/**
 * Pure metrics of the benchmarks (no model, no I/O), unit-tested in test/unit/metrics.test.ts:
 * WSD scores and baselines, and the mean / spread / quantiles of timings.
 */
import { shuffledByLabel } from '../src/senses/sampling';

export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  checkLengths(gold, predicted);
  if (gold.length === 0) return 0;
  let right = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) right++;
  return right / gold.length;
}

/**
 * Macro-F1 over the labels present in the gold **or** the predicted labels (scikit-learn's
 * `f1_score(average='macro')` with its default label set and `zero_division=0`): per label,
 * P = tp / (tp + fp), R = tp / (tp + fn), F1 = 2PR / (P + R), each 0 when its denominator is 0;
 * then the unweighted mean over those labels. Senses of the word that appear in neither list are
 * left out, so a sense missing from a test set does not count as F1 = 0.
 */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  checkLengths(gold, predicted);
  const labels = [...new Set([...gold, ...predicted])];
  if (labels.length === 0) return 0;
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i] === label;
      const p = predicted[i] === label;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return sum / labels.length;
}

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

/**
 * Stratified split with a fixed seed: per label, its item indices are shuffled and
 * `round(n × validationFraction)` of them go to validation, but at least one stays in `fit` (a
 * label with a single item is never validated). Both lists are sorted.
 */
export function stratifiedSplit(
  labels: readonly string[],
  validationFraction: number,
  seed = 42,
): { fit: number[]; validation: number[] } {
  if (!(validationFraction >= 0 && validationFraction < 1)) throw new RangeError('validationFraction must be in [0, 1)');
  const fit: number[] = [];
  const validation: number[] = [];
  for (const list of shuffledByLabel(labels, seed)) {
    const held = Math.min(Math.round(list.length * validationFraction), list.length - 1);
    validation.push(...list.slice(0, held));
    fit.push(...list.slice(held));
  }
  return { fit: fit.sort((a, b) => a - b), validation: validation.sort((a, b) => a - b) };
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

function checkLengths(gold: readonly string[], predicted: readonly string[]): void {
  if (gold.length !== predicted.length) throw new RangeError(`${gold.length} gold labels but ${predicted.length} predictions`);
}
