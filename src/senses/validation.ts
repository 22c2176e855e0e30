/**
 * Scores and splits for choosing settings on held-out *training* data: the probe's regularisation
 * per word, and the benchmark's `--tune`. Pure; unit-tested in test/unit/metrics.test.ts.
 */
import { shuffledByLabel } from './sampling';

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

function checkLengths(gold: readonly string[], predicted: readonly string[]): void {
  if (gold.length !== predicted.length) throw new RangeError(`${gold.length} gold labels but ${predicted.length} predictions`);
}
