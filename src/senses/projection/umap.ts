import { UMAP } from 'umap-js';
import type { Neighbours } from './neighbours';
import type { Rows } from './rows';
import { runInSlices, type SliceOptions } from './slices';

/** umap-learn's defaults: 15 neighbours, minimum distance 0.1. */
const UMAP_NEIGHBOURS = 15;
const UMAP_MIN_DIST = 0.1;

export interface UmapParameters {
  /** Neighbours per point, the point itself included (umap-learn's `n_neighbors`). */
  readonly nNeighbors: number;
  readonly minDist: number;
}

/** Neighbours per point for `n` points: the default, or all the others when there are fewer. */
export function umapParameters(n: number): UmapParameters {
  return { nNeighbors: Math.min(UMAP_NEIGHBOURS, n - 1), minDist: UMAP_MIN_DIST };
}

/**
 * UMAP layout with umap-js, on our exact neighbours (umap-js would otherwise run its approximate
 * search in one uninterruptible call): one optimisation epoch per step. `random` seeds the initial
 * layout and the negative sampling, so a seed gives one layout. Returns n × 2 and the epochs run.
 */
export async function umapLayout(
  rows: Rows,
  neighbours: Neighbours,
  parameters: UmapParameters,
  random: () => number,
  slices: SliceOptions & { readonly onEpochs?: (total: number) => void } = {},
): Promise<{ readonly layout: Float64Array; readonly epochs: number }> {
  const { n, k } = neighbours;
  const umap = new UMAP({ nComponents: 2, nNeighbors: parameters.nNeighbors, minDist: parameters.minDist, random });
  // umap-learn's neighbour lists start with the point itself at distance 0.
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < n; i++) {
    const take = parameters.nNeighbors - 1;
    indices.push([i, ...neighbours.indices.subarray(i * k, i * k + take)]);
    distances.push([0, ...neighbours.distances.subarray(i * k, i * k + take)]);
  }
  umap.setPrecomputedKNN(indices, distances);
  const points = Array.from({ length: n }, (_, i) => Array.from(rows.data.subarray(i * rows.d, (i + 1) * rows.d)));
  const epochs = umap.initializeFit(points);
  slices.onEpochs?.(epochs);
  await runInSlices(epochs, () => umap.step(), slices);
  const layout = new Float64Array(n * 2);
  umap.getEmbedding().forEach((p, i) => {
    layout[i * 2] = p[0] ?? 0;
    layout[i * 2 + 1] = p[1] ?? 0;
  });
  return { layout, epochs };
}
