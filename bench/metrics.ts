/**
 * Pure metrics of the WSD benchmark (no model, no I/O), unit-tested in test/unit/metrics.test.ts.
 */

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
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l) ?? [];
    list.push(i);
    byLabel.set(l, list);
  });
  const random = mulberry32(seed);
  const fit: number[] = [];
  const validation: number[] = [];
  for (const list of byLabel.values()) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
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

function checkLengths(gold: readonly string[], predicted: readonly string[]): void {
  if (gold.length !== predicted.length) throw new RangeError(`${gold.length} gold labels but ${predicted.length} predictions`);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
