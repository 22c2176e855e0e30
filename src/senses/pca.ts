import { PCA } from 'ml-pca';

export interface Projection {
  /** `[x, y]` for each input row, fitted rows first, then the extra rows. */
  readonly points: readonly (readonly [number, number])[];
  /** Fraction of the fitted rows' total variance on PC1 and PC2. */
  readonly explained: readonly [number, number];
}

/** Widest rows fitted through their covariance matrix (see `project2d`). */
const COVARIANCE_MAX_DIMS = 64;

/**
 * Fits a 2-D PCA on `fit` (the training vectors) and projects `fit` and `extra` (centroids, document
 * occurrences) onto it, so the axes do not move when the user's occurrences change.
 */
export function project2d(fit: readonly Float32Array[], extra: readonly Float32Array[]): Projection {
  if (fit.length < 2) {
    return { points: [...fit, ...extra].map(() => [0, 0] as const), explained: [0, 0] };
  }
  const rows = fit.map((v) => Array.from(v));
  const total = totalVariance(rows);
  if (total === 0) return { points: [...fit, ...extra].map(() => [0, 0] as const), explained: [0, 0] };
  // Narrow rows (the plot reduces wide ones to 50 dimensions first): the exact eigenvectors of the
  // small covariance matrix, 8× faster than NIPALS on 5,000 × 50, whose power iterations crawl when
  // the top variances are close (several clusters of similar spread). Wide rows: NIPALS computes
  // just the two components, far cheaper than a 768 × 768 eigendecomposition.
  const pca =
    rows[0].length <= COVARIANCE_MAX_DIMS
      ? new PCA(rows, { method: 'covarianceMatrix', center: true, scale: false })
      : new PCA(rows, { method: 'NIPALS', nCompNIPALS: 2, center: true, scale: false });
  const all = [...rows, ...extra.map((v) => Array.from(v))];
  const scores = pca.predict(all, { nComponents: 2 }).to2DArray();
  const first = variance(scores.slice(0, rows.length), 0) / total;
  // Rank-1 data (two points, collinear points) leaves nothing for PC2, and NIPALS then returns an
  // arbitrary direction of the zero residual: PC2 is 0 there.
  const flat = 1 - first < 1e-9;
  const points = scores.map((r) => [finite(r[0]), flat ? 0 : finite(r[1])] as const);
  return { points, explained: [Math.min(1, first), flat ? 0 : variance(scores.slice(0, rows.length), 1) / total] };
}

function finite(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : 0;
}

/** Sum over the columns of the rows' variance (n × the mean squared distance to the mean). */
function totalVariance(rows: readonly number[][]): number {
  let total = 0;
  for (let d = 0; d < rows[0].length; d++) total += variance(rows, d);
  return total;
}

function variance(rows: readonly number[][], column: number): number {
  let mean = 0;
  for (const r of rows) mean += r[column];
  mean /= rows.length;
  let sum = 0;
  for (const r of rows) sum += (r[column] - mean) ** 2;
  return sum;
}
