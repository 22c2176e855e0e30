/**
 * A word's linear probe: softmax regression on the unit-length training vectors of its sense
 * index, with the L2 strength and class weighting chosen by macro-F1 on a stratified split of the
 * *training* set, then refitted on all of it. Its scores are sense probabilities.
 */
import { norm } from '../../bert/vectors';
import { macroF1, stratifiedSplit } from '../validation';
import { fitSoftmax, softmaxProbabilities, type SoftmaxData } from './softmax';

export type ClassWeighting = 'none' | 'balanced';

export interface ProbeOptions {
  /** L2 candidates, strongest first (each weighting walks them warm-started; ties keep the earlier). */
  readonly l2: readonly number[];
  readonly classWeighting: readonly ClassWeighting[];
  /** Share of each sense's training vectors held out to choose the settings. */
  readonly validationFraction: number;
  readonly seed: number;
}

export const DEFAULT_PROBE_OPTIONS: ProbeOptions = {
  l2: [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7],
  classWeighting: ['none', 'balanced'],
  validationFraction: 0.2,
  seed: 13,
};

/** What a probe is trained on: the index's unit vectors and senses. */
export interface ProbeTrainingSet {
  readonly senses: readonly string[];
  readonly senseOf: Int32Array;
  readonly units: readonly Float32Array[];
}

export interface Probe {
  /** Index senses the probe can answer (those with training vectors), in index sense order. */
  readonly classes: readonly number[];
  /** Senses of the index (the length of every score list). */
  readonly senses: number;
  readonly l2: number;
  readonly classWeighting: ClassWeighting;
  /** Validation macro-F1 of the chosen settings; NaN when there was nothing to hold out. */
  readonly validationMacroF1: number;
  /** `classes.length` rows of `dims + 1` (bias last). */
  readonly weights: Float64Array;
}

export async function trainProbe(set: ProbeTrainingSet, options: ProbeOptions = DEFAULT_PROBE_OPTIONS, signal?: AbortSignal): Promise<Probe> {
  if (options.l2.length === 0 || options.classWeighting.length === 0) throw new RangeError('the probe needs at least one L2 strength and one class weighting');
  const classes = set.senses.map((_, s) => s).filter((s) => set.senseOf.some((x) => x === s));
  const rows = set.units.map((_, i) => i).filter((i) => classes.includes(set.senseOf[i]));
  const y = Int32Array.from(rows, (i) => classes.indexOf(set.senseOf[i]));
  const x = rows.map((i) => set.units[i]);
  const base = { classes, senses: set.senses.length };
  if (classes.length < 2) {
    // Nothing to separate: the one sense gets probability 1.
    return { ...base, l2: options.l2[0], classWeighting: options.classWeighting[0], validationMacroF1: NaN, weights: new Float64Array(classes.length * ((x[0]?.length ?? 0) + 1)) };
  }
  const data: SoftmaxData = { x, y, classes: classes.length };
  const split = stratifiedSplit(Array.from(y, String), options.validationFraction, options.seed);
  let best = { l2: options.l2[0], classWeighting: options.classWeighting[0], f1: NaN };
  if (split.validation.length > 0) {
    const fit = subset(data, split.fit);
    const heldX = split.validation.map((i) => x[i]);
    const gold = split.validation.map((i) => String(y[i]));
    for (const classWeighting of options.classWeighting) {
      let init: Float64Array | undefined;
      for (const l2 of options.l2) {
        init = await fitSoftmax(fit, { l2, classWeights: classWeights(fit, classWeighting), init, signal });
        const predicted = heldX.map((v) => String(argmax(softmaxProbabilities(init!, classes.length, v))));
        const f1 = macroF1(gold, predicted);
        if (!(f1 <= best.f1)) best = { l2, classWeighting, f1 };
      }
    }
  }
  const weights = await fitSoftmax(data, { l2: best.l2, classWeights: classWeights(data, best.classWeighting), signal });
  return { ...base, l2: best.l2, classWeighting: best.classWeighting, validationMacroF1: best.f1, weights };
}

/** Probability of each index sense (0 for senses without training vectors). */
export function probeScores(probe: Probe, vector: Float32Array): number[] {
  const scores = new Array<number>(probe.senses).fill(0);
  if (probe.classes.length === 1) scores[probe.classes[0]] = 1;
  if (probe.classes.length < 2) return scores;
  const p = softmaxProbabilities(probe.weights, probe.classes.length, unit(vector));
  probe.classes.forEach((s, c) => (scores[s] = p[c]));
  return scores;
}

/** `balanced`: each class weighs n / (classes × its count), as scikit-learn's `class_weight='balanced'`. */
function classWeights(data: SoftmaxData, weighting: ClassWeighting): number[] {
  if (weighting === 'none') return new Array<number>(data.classes).fill(1);
  const counts = new Array<number>(data.classes).fill(0);
  for (let i = 0; i < data.y.length; i++) counts[data.y[i]]++;
  return counts.map((n) => (n === 0 ? 0 : data.y.length / (data.classes * n)));
}

function subset(data: SoftmaxData, rows: readonly number[]): SoftmaxData {
  return { x: rows.map((i) => data.x[i]), y: Int32Array.from(rows, (i) => data.y[i]), classes: data.classes };
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function unit(v: Float32Array): Float32Array {
  const n = norm(v);
  return n === 0 ? v : v.map((x) => x / n);
}
