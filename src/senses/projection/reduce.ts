import { gaussian } from '../random';
import type { Rows } from './rows';
import { runInSlices, type SliceOptions } from './slices';

/**
 * Dimensions kept before the neighbour search of UMAP and t-SNE. scikit-learn's t-SNE guide
 * recommends reducing dense data to about 50 dimensions with PCA first: it removes noise and makes
 * the exact neighbour search of 5,000 BERT vectors 15× cheaper than at 768 dimensions.
 */
export const REDUCED_DIMS = 50;
/** Power iterations of the randomized range finder (Halko, Martinsson & Tropp 2011, alg. 4.4). */
const POWER_ITERATIONS = 1;

/**
 * An orthonormal basis (d × `dims`) of the centred rows' top `dims`-dimensional principal subspace,
 * found by a seeded randomized range finder; undefined when the rows have at most `dims` columns
 * (they are then used as they are). Pairwise distances inside that subspace are what UMAP and t-SNE
 * see, and PCA finds its two components there.
 */
export async function principalBasis(rows: Rows, dims: number, random: () => number, slices: SliceOptions = {}): Promise<Rows | undefined> {
  if (rows.d <= dims) return undefined;
  const p = Math.min(dims, rows.n);
  const normal = gaussian(random);
  const omega: Rows = { n: rows.d, d: p, data: Float64Array.from({ length: rows.d * p }, normal) };
  let q = orthonormalColumns(await times(rows, omega, slices));
  for (let i = 0; i < POWER_ITERATIONS; i++) {
    q = orthonormalColumns(await times(rows, orthonormalColumns(await transposeTimes(rows, q, slices)), slices));
  }
  return orthonormalColumns(await transposeTimes(rows, q, slices));
}

/** The centred rows in the coordinates of their principal subspace (see `principalBasis`). */
export async function reduceDimensions(rows: Rows, dims: number, random: () => number, slices: SliceOptions = {}): Promise<Rows> {
  const basis = await principalBasis(rows, dims, random, slices);
  return basis ? times(rows, basis, slices) : rows;
}

/** a (n × d) · b (d × p), a row of the result per step. */
export async function times(a: Rows, b: Rows, slices: SliceOptions): Promise<Rows> {
  const { n, d, data: x } = a;
  const { d: p, data: m } = b;
  const out = new Float64Array(n * p);
  await runInSlices(
    n,
    (i) => {
      const row = i * p;
      for (let k = 0; k < d; k++) {
        const v = x[i * d + k];
        if (v === 0) continue;
        const from = k * p;
        for (let j = 0; j < p; j++) out[row + j] += v * m[from + j];
      }
    },
    { signal: slices.signal },
  );
  return { n, d: p, data: out };
}

/** aᵀ (d × n) · b (n × p), accumulated a row of `a` per step. */
async function transposeTimes(a: Rows, b: Rows, slices: SliceOptions): Promise<Rows> {
  const { n, d, data: x } = a;
  const { d: p, data: m } = b;
  const out = new Float64Array(d * p);
  await runInSlices(
    n,
    (i) => {
      const from = i * p;
      for (let k = 0; k < d; k++) {
        const v = x[i * d + k];
        if (v === 0) continue;
        const row = k * p;
        for (let j = 0; j < p; j++) out[row + j] += v * m[from + j];
      }
    },
    { signal: slices.signal },
  );
  return { n: d, d: p, data: out };
}

/**
 * Modified Gram–Schmidt on the columns, in place. A column that is (numerically) dependent on the
 * previous ones becomes zero: it then adds nothing to distances, which is right for rank-deficient
 * data such as repeated vectors.
 */
function orthonormalColumns(m: Rows): Rows {
  const { n, d, data } = m;
  for (let c = 0; c < d; c++) {
    const before = columnNorm(m, c);
    for (let prev = 0; prev < c; prev++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += data[i * d + c] * data[i * d + prev];
      for (let i = 0; i < n; i++) data[i * d + c] -= dot * data[i * d + prev];
    }
    const norm = columnNorm(m, c);
    const scale = norm > 1e-10 * before ? 1 / norm : 0;
    for (let i = 0; i < n; i++) data[i * d + c] *= scale;
  }
  return m;
}

function columnNorm({ n, d, data }: Rows, c: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += data[i * d + c] ** 2;
  return Math.sqrt(sum);
}
