/**
 * The plot's 2-D layouts: PCA (fitted on the training vectors), UMAP and t-SNE (all points laid out
 * together). Seeded: the same vectors give the same layout. Long work runs in time slices, with
 * progress and cancellation.
 */
import { throwIfAborted } from '../../shared/errors';
import { projectionName } from '../../shared/projections';
import { project2d } from '../pca';
import type { EngineProgress, PlotProjection, ProjectionMethod } from '../types';
import { nearestNeighbours } from './neighbours';
import { gaussian, seededRandom } from '../random';
import { reduceDimensions, REDUCED_DIMS } from './reduce';
import { pcaLayout } from './pca';
import { allIdentical, centredRows, vectorsOf, type Rows } from './rows';
import { tsneLayout, tsneNeighbourCount, tsneParameters } from './tsne';
import { umapLayout, umapParameters } from './umap';

/** Seed of every UMAP and t-SNE layout: the same vectors and options give the same plot. */
export const PROJECTION_SEED = 42;
/** UMAP and t-SNE need a few neighbours per point; with fewer points the plot shows PCA. */
const MIN_NEIGHBOUR_POINTS = 4;

export interface ProjectOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: EngineProgress) => void;
}

export interface Layout {
  /** `[x, y]` for `fit` then `extra`, in order. */
  readonly points: readonly (readonly [number, number])[];
  readonly projection: PlotProjection;
  /** PCA only. */
  readonly explained?: readonly [number, number];
  /** Why the layout is not `method`, or is degenerate. */
  readonly note?: string;
}

/**
 * Lays out `fit` (the training vectors) and `extra` (centroids, occurrences) with `method`. PCA is
 * fitted on `fit` alone, so its axes do not move when occurrences change; UMAP and t-SNE have no
 * axes to keep and lay out every point together. Rejects with the engine's `cancelled` error once
 * `signal` aborts.
 */
export async function projectPoints(
  fit: readonly Float32Array[],
  extra: readonly Float32Array[],
  method: ProjectionMethod,
  options: ProjectOptions = {},
): Promise<Layout> {
  throwIfAborted(options.signal);
  const all = [...fit, ...extra];
  const rows = centredRows(all);
  const report = (done: number, total: number) => options.onProgress?.({ kind: 'project', method, done, total });
  if (all.length > 1 && allIdentical(rows)) {
    report(1, 1);
    return {
      points: all.map(() => [0, 0] as const),
      projection: { method: 'pca' },
      explained: [0, 0],
      note: `All ${all.length} vectors are identical: every point is at the origin.`,
    };
  }
  if (method === 'pca' || all.length < MIN_NEIGHBOUR_POINTS) {
    report(0, 1);
    const pca = await pcaLayout(fit, extra, seededRandom(PROJECTION_SEED), { signal: options.signal });
    throwIfAborted(options.signal);
    report(1, 1);
    const note =
      method === 'pca' ? undefined : `${projectionName(method)} needs at least ${MIN_NEIGHBOUR_POINTS} points (there are ${all.length}): showing PCA.`;
    return { points: pca.points, projection: { method: 'pca' }, explained: pca.explained, ...(note ? { note } : {}) };
  }
  const random = seededRandom(PROJECTION_SEED);
  const slices = { signal: options.signal };
  report(0, 1);
  const reduced = await reduceDimensions(rows, REDUCED_DIMS, random, slices);
  const n = all.length;
  if (method === 'umap') {
    const parameters = umapParameters(n);
    const neighbours = await nearestNeighbours(reduced, parameters.nNeighbors - 1, slices);
    let total = 1;
    const { layout, epochs } = await umapLayout(reduced, neighbours, parameters, random, {
      ...slices,
      onEpochs: (epochs) => (total = epochs),
      onSlice: (done) => report(done, total),
    });
    return { points: pairs(layout), projection: { method, ...parameters, epochs, seed: PROJECTION_SEED } };
  }
  const parameters = tsneParameters(n);
  const neighbours = await nearestNeighbours(reduced, tsneNeighbourCount(parameters, n), slices);
  const init = pcaInit(reduced, random);
  const layout = await tsneLayout(neighbours, parameters, init, { ...slices, onSlice: (done) => report(done, parameters.iterations) });
  return { points: pairs(layout), projection: { method, ...parameters, seed: PROJECTION_SEED } };
}

/**
 * t-SNE's start: the first two principal components scaled to a standard deviation of 1e-4
 * (scikit-learn's default since 1.2; it keeps more of the global structure than a random start).
 */
function pcaInit(rows: Rows, random: () => number): Float64Array {
  const { points } = project2d(vectorsOf(rows), []);
  let sum = 0;
  let squares = 0;
  for (const [x] of points) {
    sum += x;
    squares += x * x;
  }
  const sd = Math.sqrt(Math.max(0, squares / rows.n - (sum / rows.n) ** 2));
  const normal = gaussian(random);
  const init = new Float64Array(rows.n * 2);
  points.forEach(([x, y], i) => {
    init[2 * i] = sd > 0 ? (x / sd) * 1e-4 : normal() * 1e-4;
    init[2 * i + 1] = sd > 0 ? (y / sd) * 1e-4 : normal() * 1e-4;
  });
  return init;
}

function pairs(layout: Float64Array): [number, number][] {
  return Array.from({ length: layout.length / 2 }, (_, i) => [layout[2 * i], layout[2 * i + 1]]);
}
