import type { Neighbours } from './neighbours';
import { runInSlices, type SliceOptions } from './slices';

/**
 * Barnes–Hut t-SNE (van der Maaten 2014) with scikit-learn's defaults: perplexity 30, early
 * exaggeration 12 for the first 250 iterations (momentum 0.5, then 0.8), learning rate
 * max(n / 12 / 4, 50), gains with minimum 0.01, θ = 0.5. 750 iterations (openTSNE's 250 + 500).
 */
const TSNE_PERPLEXITY = 30;
const TSNE_ITERATIONS = 750;
const EXAGGERATION = 12;
const EXAGGERATION_ITERATIONS = 250;
const THETA = 0.5;
const MIN_GAIN = 0.01;
/** Deeper cells than this hold all their (practically coincident) points in one leaf. */
const MAX_DEPTH = 40;

export interface TsneParameters {
  readonly perplexity: number;
  readonly iterations: number;
}

/**
 * Perplexity 30, or (n - 1) / 3 for fewer than 91 points: each point's affinities come from its
 * 3 × perplexity nearest neighbours, which must exist (openTSNE's rule; scikit-learn only needs
 * perplexity < n).
 */
export function tsneParameters(n: number): TsneParameters {
  return { perplexity: Math.min(TSNE_PERPLEXITY, (n - 1) / 3), iterations: TSNE_ITERATIONS };
}

/** Neighbours per point behind the affinities of `parameters`. */
export function tsneNeighbourCount(parameters: TsneParameters, n: number): number {
  return Math.max(1, Math.min(n - 1, Math.floor(3 * parameters.perplexity)));
}

/** Symmetric joint probabilities P in compressed sparse rows. */
interface Affinities {
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

/**
 * t-SNE layout of the points whose nearest neighbours are given, from `init` (n × 2, e.g. the PCA
 * layout scaled to a standard deviation of 1e-4): one gradient iteration per step.
 */
export async function tsneLayout(neighbours: Neighbours, parameters: TsneParameters, init: Float64Array, slices: SliceOptions = {}): Promise<Float64Array> {
  const { n } = neighbours;
  const p = await affinities(neighbours, parameters.perplexity, slices.signal);
  const y = Float64Array.from(init);
  const update = new Float64Array(2 * n);
  const gains = new Float64Array(2 * n).fill(1);
  const attraction = new Float64Array(2 * n);
  const repulsion = new Float64Array(2 * n);
  const tree = new QuadTree(n);
  await runInSlices(
    parameters.iterations,
    (iteration) => {
      const early = iteration < EXAGGERATION_ITERATIONS;
      const exaggeration = early ? EXAGGERATION : 1;
      const momentum = early ? 0.5 : 0.8;
      const rate = Math.max(n / EXAGGERATION / 4, 50);
      tree.build(y);
      repulsion.fill(0);
      let z = 0;
      for (let i = 0; i < n; i++) z += tree.repel(i, y, repulsion);
      attract(p, y, attraction);
      let meanX = 0;
      let meanY = 0;
      for (let c = 0; c < 2 * n; c++) {
        const grad = 4 * (exaggeration * attraction[c] - repulsion[c] / z);
        gains[c] = Math.max(MIN_GAIN, update[c] * grad < 0 ? gains[c] + 0.2 : gains[c] * 0.8);
        update[c] = momentum * update[c] - rate * gains[c] * grad;
        y[c] += update[c];
        if (c % 2 === 0) meanX += y[c];
        else meanY += y[c];
      }
      for (let i = 0; i < n; i++) {
        y[2 * i] -= meanX / n;
        y[2 * i + 1] -= meanY / n;
      }
    },
    slices,
  );
  return y;
}

/**
 * P from the neighbours: per point, a Gaussian over its neighbours' squared distances whose
 * precision is found by bisection so that its entropy is log(perplexity); then symmetrised,
 * p_ij = (p_j|i + p_i|j) / 2n.
 */
async function affinities({ n, k, indices, distances }: Neighbours, perplexity: number, signal: AbortSignal | undefined): Promise<Affinities> {
  const target = Math.log(perplexity);
  const rows = Array.from({ length: n }, () => new Map<number, number>());
  const weights = new Float64Array(k);
  const shifted = new Float64Array(k);
  await runInSlices(
    n,
    (i) => {
      // Relative to the nearest: the same distribution, and exp never underflows to 0 for all.
      const nearest = distances[i * k] ** 2;
      for (let j = 0; j < k; j++) shifted[j] = distances[i * k + j] ** 2 - nearest;
      let beta = 1;
      let low = 0;
      let high = Infinity;
      let sum = 0;
      for (let tries = 0; tries < 100; tries++) {
        sum = 0;
        let weighted = 0;
        for (let j = 0; j < k; j++) {
          weights[j] = Math.exp(-beta * shifted[j]);
          sum += weights[j];
          weighted += shifted[j] * weights[j];
        }
        const entropy = Math.log(sum) + (beta * weighted) / sum;
        if (Math.abs(entropy - target) < 1e-5) break;
        if (entropy > target) {
          low = beta;
          beta = high === Infinity ? beta * 2 : (beta + high) / 2;
        } else {
          high = beta;
          beta = (beta + low) / 2;
        }
      }
      for (let j = 0; j < k; j++) {
        const other = indices[i * k + j];
        const value = weights[j] / sum / (2 * n);
        rows[i].set(other, (rows[i].get(other) ?? 0) + value);
        rows[other].set(i, (rows[other].get(i) ?? 0) + value);
      }
    },
    { signal },
  );
  const rowStart = new Int32Array(n + 1);
  rows.forEach((row, i) => (rowStart[i + 1] = rowStart[i] + row.size));
  const columns = new Int32Array(rowStart[n]);
  const values = new Float64Array(rowStart[n]);
  rows.forEach((row, i) => {
    let at = rowStart[i];
    for (const [j, value] of [...row].sort((a, b) => a[0] - b[0])) {
      columns[at] = j;
      values[at++] = value;
    }
  });
  return { rowStart, columns, values };
}

/** Attractive forces Σ_j p_ij q_ij (y_i − y_j), with q_ij = 1 / (1 + |y_i − y_j|²) unnormalised. */
function attract(p: Affinities, y: Float64Array, out: Float64Array): void {
  const n = p.rowStart.length - 1;
  for (let i = 0; i < n; i++) {
    let fx = 0;
    let fy = 0;
    for (let e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
      const j = p.columns[e];
      const dx = y[2 * i] - y[2 * j];
      const dy = y[2 * i + 1] - y[2 * j + 1];
      const q = 1 / (1 + dx * dx + dy * dy);
      fx += p.values[e] * q * dx;
      fy += p.values[e] * q * dy;
    }
    out[2 * i] = fx;
    out[2 * i + 1] = fy;
  }
}

/**
 * Quadtree over the layout with each cell's point count and centre of mass, for the Barnes–Hut
 * approximation of the repulsive forces: a cell seen at an angle below θ acts as one point.
 */
class QuadTree {
  private readonly order: Int32Array;
  /** Where each point sits in `order`: a leaf holds `order[start…end)`. */
  private readonly position: Int32Array;
  private readonly stack = new Int32Array(4 * (MAX_DEPTH + 2));
  private count: number[] = [];
  private massX: number[] = [];
  private massY: number[] = [];
  /** (cell width / θ)²: a cell farther than this from a point acts on it as one point. */
  private reach: number[] = [];
  private firstChild: number[] = [];
  private start: number[] = [];
  private end: number[] = [];

  constructor(private readonly n: number) {
    this.order = new Int32Array(n);
    this.position = new Int32Array(n);
  }

  build(y: Float64Array): void {
    const n = this.n;
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.count = [];
    this.massX = [];
    this.massY = [];
    this.reach = [];
    this.firstChild = [];
    this.start = [];
    this.end = [];
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, y[2 * i]);
      maxX = Math.max(maxX, y[2 * i]);
      minY = Math.min(minY, y[2 * i + 1]);
      maxY = Math.max(maxY, y[2 * i + 1]);
    }
    // A little wider than the points, so the largest coordinates fall inside.
    const size = Math.max(maxX - minX, maxY - minY, 1e-12) * (1 + 1e-6);
    this.addNode();
    this.fill(0, y, 0, n, minX, minY, size, 0);
    for (let at = 0; at < n; at++) this.position[this.order[at]] = at;
  }

  /** Adds Σ_j q_ij² (y_i − y_j) over the other points to `out` and returns Σ_j q_ij. */
  repel(i: number, y: Float64Array, out: Float64Array): number {
    const { count, massX, massY, reach, firstChild, start, end, stack } = this;
    const x0 = y[2 * i];
    const y0 = y[2 * i + 1];
    const at = this.position[i];
    let z = 0;
    let fx = 0;
    let fy = 0;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      let mass = count[node];
      if (mass === 0) continue;
      const dx = x0 - massX[node];
      const dy = y0 - massY[node];
      const d2 = dx * dx + dy * dy;
      const child = firstChild[node];
      if (child < 0) {
        if (at >= start[node] && at < end[node]) mass -= 1;
        if (mass === 0) continue;
      } else if (reach[node] >= d2) {
        stack[top++] = child;
        stack[top++] = child + 1;
        stack[top++] = child + 2;
        stack[top++] = child + 3;
        continue;
      }
      const q = 1 / (1 + d2);
      const mq = mass * q;
      z += mq;
      fx += mq * q * dx;
      fy += mq * q * dy;
    }
    out[2 * i] += fx;
    out[2 * i + 1] += fy;
    return z;
  }

  private addNode(): number {
    this.count.push(0);
    this.massX.push(0);
    this.massY.push(0);
    this.reach.push(0);
    this.firstChild.push(-1);
    this.start.push(0);
    this.end.push(0);
    return this.count.length - 1;
  }

  private fill(node: number, y: Float64Array, start: number, end: number, left: number, bottom: number, size: number, depth: number): void {
    let sx = 0;
    let sy = 0;
    for (let at = start; at < end; at++) {
      sx += y[2 * this.order[at]];
      sy += y[2 * this.order[at] + 1];
    }
    const count = end - start;
    this.count[node] = count;
    this.massX[node] = count > 0 ? sx / count : 0;
    this.massY[node] = count > 0 ? sy / count : 0;
    this.reach[node] = (size / THETA) ** 2;
    this.start[node] = start;
    this.end[node] = end;
    if (count <= 1 || depth >= MAX_DEPTH) return;
    const half = size / 2;
    const midX = left + half;
    const midY = bottom + half;
    const right = this.partition(y, 0, midX, start, end);
    const lowerLeft = this.partition(y, 1, midY, start, right);
    const lowerRight = this.partition(y, 1, midY, right, end);
    const first = this.addNode();
    for (let c = 1; c < 4; c++) this.addNode();
    this.firstChild[node] = first;
    this.fill(first, y, start, lowerLeft, left, bottom, half, depth + 1);
    this.fill(first + 1, y, lowerLeft, right, left, midY, half, depth + 1);
    this.fill(first + 2, y, right, lowerRight, midX, bottom, half, depth + 1);
    this.fill(first + 3, y, lowerRight, end, midX, midY, half, depth + 1);
  }

  /** Reorders `order[start…end)` so the points with coordinate `axis` below `split` come first; returns where the rest begin. */
  private partition(y: Float64Array, axis: 0 | 1, split: number, start: number, end: number): number {
    const order = this.order;
    let lower = start;
    for (let at = start; at < end; at++) {
      const point = order[at];
      if (y[2 * point + axis] < split) {
        order[at] = order[lower];
        order[lower++] = point;
      }
    }
    return lower;
  }
}
