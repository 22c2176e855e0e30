/**
 * Multinomial logistic (softmax) regression with L2 on the weights and a weight per class, fitted
 * by L-BFGS from zeros (or a given start), so the same data and settings always give the same
 * weights. `ml-logistic-regression` was measured first and does not fit: one-vs-all sigmoids (no
 * probabilities that sum to 1), fixed-step gradient descent (default 50,000 steps; 1,000 took
 * 7.5 s for 200 vectors of 768 dims and 2 classes), no L2, no class weights and no bias term.
 */

export interface SoftmaxData {
  /** Feature vectors, all of the same length. */
  readonly x: readonly Float32Array[];
  /** Class of each vector, 0 … classes − 1. */
  readonly y: ArrayLike<number>;
  readonly classes: number;
}

export interface SoftmaxFit {
  /** L2 strength on the weights (biases are not penalised); the data term is a weighted mean. */
  readonly l2: number;
  /** Weight of each class's examples in the loss. */
  readonly classWeights: readonly number[];
  /** Starting weights (e.g. the solution for a stronger L2); default zeros. */
  readonly init?: Float64Array;
  readonly maxIterations?: number;
  /** Stop when the largest gradient component is below this. */
  readonly tolerance?: number;
  readonly signal?: AbortSignal;
}

const MEMORY = 10;
const ARMIJO = 1e-4;
/** Relative decrease of the loss below which the fit stops (SciPy's L-BFGS-B default `ftol`). */
const FTOL = 2.220446049250313e-9;

/**
 * Weights of `classes` rows of `dims + 1` (the bias last) minimising the class-weighted mean
 * cross-entropy plus `l2 / 2 · ‖W‖²`. Yields to the event loop before every pass over the data,
 * so a long fit never blocks the host's thread for more than one pass.
 *
 * The fit runs on mean-centred vectors: with an unpenalised bias the optimum is the same (the bias
 * absorbs the shift), but BERT's vectors share a large common direction, and without centring
 * L-BFGS crawls along it and stops far from the optimum.
 */
export async function fitSoftmax(data: SoftmaxData, fit: SoftmaxFit): Promise<Float64Array> {
  const dims = data.x[0]?.length ?? 0;
  const size = data.classes * (dims + 1);
  if (data.x.length !== data.y.length) throw new RangeError(`${data.x.length} vectors but ${data.y.length} labels`);
  if (fit.classWeights.length !== data.classes) throw new RangeError(`${data.classes} classes but ${fit.classWeights.length} class weights`);
  const w = fit.init ? Float64Array.from(fit.init) : new Float64Array(size);
  if (w.length !== size) throw new RangeError(`init has ${w.length} weights, expected ${size}`);
  const mean = new Float64Array(dims);
  for (const v of data.x) for (let j = 0; j < dims; j++) mean[j] += v[j] / data.x.length;
  const centred: SoftmaxData = { ...data, x: data.x.map((v) => v.map((value, j) => value - mean[j])) };
  shiftBiases(w, data.classes, mean, 1);
  await minimise(centred, fit, w);
  shiftBiases(w, data.classes, mean, -1);
  return w;
}

/** Moves the biases between raw and centred inputs: b ± w·mean. */
function shiftBiases(w: Float64Array, classes: number, mean: Float64Array, sign: 1 | -1): void {
  const dims = mean.length;
  for (let c = 0; c < classes; c++) {
    const row = c * (dims + 1);
    let shift = 0;
    for (let j = 0; j < dims; j++) shift += w[row + j] * mean[j];
    w[row + dims] += sign * shift;
  }
}

/** L-BFGS with a backtracking (Armijo) line search, in place on `w`. */
async function minimise(data: SoftmaxData, fit: SoftmaxFit, w: Float64Array): Promise<void> {
  // scikit-learn's LogisticRegression defaults: 100 iterations, gradient tolerance 1e-4.
  const { maxIterations = 100, tolerance = 1e-4, signal } = fit;
  const size = w.length;
  const evaluate = async (at: Float64Array, grad: Float64Array) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    return lossAndGradient(data, fit, at, grad);
  };
  const g = new Float64Array(size);
  let f = await evaluate(w, g);
  const s: Float64Array[] = [];
  const yv: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(size);
  const trial = new Float64Array(size);
  const gTrial = new Float64Array(size);
  for (let iteration = 0; iteration < maxIterations && maxAbs(g) > tolerance; iteration++) {
    twoLoop(g, s, yv, rho, direction);
    let slope = dotProduct(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = yv.length = rho.length = 0;
      for (let i = 0; i < size; i++) direction[i] = -g[i];
      slope = dotProduct(g, direction);
    }
    // The first step has no curvature yet: scale it to unit length.
    let step = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let fTrial = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < size; i++) trial[i] = w[i] + step * direction[i];
      fTrial = await evaluate(trial, gTrial);
      if (fTrial <= f + ARMIJO * step * slope) break;
      step /= 2;
    }
    if (!(fTrial < f)) break;
    const sk = new Float64Array(size);
    const yk = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      sk[i] = trial[i] - w[i];
      yk[i] = gTrial[i] - g[i];
    }
    const sy = dotProduct(sk, yk);
    if (sy > 1e-12) {
      if (s.length === MEMORY) {
        s.shift();
        yv.shift();
        rho.shift();
      }
      s.push(sk);
      yv.push(yk);
      rho.push(1 / sy);
    }
    const change = f - fTrial;
    w.set(trial);
    g.set(gTrial);
    f = fTrial;
    if (change <= FTOL * Math.max(1, Math.abs(f))) break;
  }
}

/** Class probabilities of one vector. */
export function softmaxProbabilities(weights: Float64Array, classes: number, x: Float32Array): number[] {
  const logits = new Float64Array(classes);
  logitsOf(weights, classes, x, logits);
  const lse = logSumExp(logits);
  return Array.from(logits, (z) => Math.exp(z - lse));
}

function lossAndGradient(data: SoftmaxData, fit: SoftmaxFit, w: Float64Array, grad: Float64Array): number {
  const { x, y, classes } = data;
  const dims = x[0]?.length ?? 0;
  const stride = dims + 1;
  grad.fill(0);
  const logits = new Float64Array(classes);
  let loss = 0;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const weight = fit.classWeights[y[i]];
    if (weight === 0) continue;
    const xi = x[i];
    logitsOf(w, classes, xi, logits);
    const lse = logSumExp(logits);
    loss += weight * (lse - logits[y[i]]);
    total += weight;
    for (let c = 0; c < classes; c++) {
      const r = weight * (Math.exp(logits[c] - lse) - (c === y[i] ? 1 : 0));
      const row = c * stride;
      for (let j = 0; j < dims; j++) grad[row + j] += r * xi[j];
      grad[row + dims] += r;
    }
  }
  const scale = total > 0 ? 1 / total : 0;
  loss *= scale;
  for (let i = 0; i < grad.length; i++) grad[i] *= scale;
  for (let c = 0; c < classes; c++) {
    for (let j = c * stride, end = j + dims; j < end; j++) {
      loss += (fit.l2 / 2) * w[j] * w[j];
      grad[j] += fit.l2 * w[j];
    }
  }
  return loss;
}

function logitsOf(w: Float64Array, classes: number, x: Float32Array, out: Float64Array): void {
  const dims = x.length;
  for (let c = 0; c < classes; c++) {
    const row = c * (dims + 1);
    let z = w[row + dims];
    for (let j = 0; j < dims; j++) z += w[row + j] * x[j];
    out[c] = z;
  }
}

function logSumExp(values: Float64Array): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/** L-BFGS two-loop recursion: `out` = −H·g with the stored curvature pairs (oldest first). */
function twoLoop(g: Float64Array, s: readonly Float64Array[], y: readonly Float64Array[], rho: readonly number[], out: Float64Array): void {
  out.set(g);
  const alpha = new Array<number>(s.length);
  for (let k = s.length - 1; k >= 0; k--) {
    alpha[k] = rho[k] * dotProduct(s[k], out);
    axpy(-alpha[k], y[k], out);
  }
  if (s.length > 0) {
    const last = s.length - 1;
    const gamma = 1 / (rho[last] * dotProduct(y[last], y[last]));
    for (let i = 0; i < out.length; i++) out[i] *= gamma;
  }
  for (let k = 0; k < s.length; k++) {
    const beta = rho[k] * dotProduct(y[k], out);
    axpy(alpha[k] - beta, s[k], out);
  }
  for (let i = 0; i < out.length; i++) out[i] = -out[i];
}

function dotProduct(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

function maxAbs(v: Float64Array): number {
  let max = 0;
  for (const x of v) if (Math.abs(x) > max) max = Math.abs(x);
  return max;
}
