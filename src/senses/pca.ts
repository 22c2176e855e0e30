import { PCA } from 'ml-pca';

export interface Projection {
  /** `[x, y]` for each input row, fitted rows first, then the extra rows. */
  readonly points: readonly (readonly [number, number])[];
  /** Fraction of the fitted rows' total variance on PC1 and PC2. */
  readonly explained: readonly [number, number];
}

/**
 * Fits a 2-D PCA on `fit` (the training vectors) and projects `fit` and `extra` (centroids, document
 * occurrences) onto it, so the axes do not move when the user's occurrences change.
 */
export function project2d(fit: readonly Float32Array[], extra: readonly Float32Array[]): Projection {
  if (fit.length < 2) {
    return { points: [...fit, ...extra].map(() => [0, 0] as const), explained: [0, 0] };
  }
  const rows = fit.map((v) => Array.from(v));
  // NIPALS computes just the two components we plot: far cheaper than a full SVD of 768 columns.
  const pca = new PCA(rows, { method: 'NIPALS', nCompNIPALS: 2, center: true, scale: false });
  const all = [...rows, ...extra.map((v) => Array.from(v))];
  // A component without variance (identical rows, or two rows: no second axis) comes out NaN: 0 on the plot.
  const scores = pca.predict(all, { nComponents: 2 }).to2DArray().map((r) => [finite(r[0]), finite(r[1])]);
  const [pc1, pc2] = explainedVariance(rows, scores.slice(0, rows.length));
  return { points: scores.map(([x, y]) => [x, y] as const), explained: [finite(pc1), finite(pc2)] };
}

function finite(x: number | undefined): number {
  return x !== undefined && Number.isFinite(x) ? x : 0;
}

function explainedVariance(rows: readonly number[][], scores: readonly number[][]): [number, number] {
  const n = rows.length;
  const dims = rows[0].length;
  let total = 0;
  for (let d = 0; d < dims; d++) {
    let mean = 0;
    for (const r of rows) mean += r[d];
    mean /= n;
    for (const r of rows) total += (r[d] - mean) ** 2;
  }
  const component = (c: number) => {
    let mean = 0;
    for (const s of scores) mean += s[c];
    mean /= n;
    let sum = 0;
    for (const s of scores) sum += (s[c] - mean) ** 2;
    return total === 0 ? 0 : sum / total;
  };
  return [component(0), component(1)];
}
