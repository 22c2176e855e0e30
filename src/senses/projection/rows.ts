/** Row-major n × d matrix of float64, the projections' working format. */
export interface Rows {
  readonly n: number;
  readonly d: number;
  readonly data: Float64Array;
}

/** The vectors as rows with their mean subtracted (distances are unchanged, products are centred). */
export function centredRows(vectors: readonly Float32Array[]): Rows {
  return rowsMinus(vectors, meanOf(vectors));
}

/** The vectors as rows minus `mean` (another set's mean: points projected onto its axes). */
export function rowsMinus(vectors: readonly Float32Array[], mean: Float64Array, d = mean.length): Rows {
  const n = vectors.length;
  const data = new Float64Array(n * d);
  vectors.forEach((v, i) => {
    for (let k = 0; k < d; k++) data[i * d + k] = v[k] - mean[k];
  });
  return { n, d, data };
}

/** The mean of the vectors. */
export function meanOf(vectors: readonly Float32Array[]): Float64Array {
  const d = vectors[0]?.length ?? 0;
  const mean = new Float64Array(d);
  for (const v of vectors) for (let k = 0; k < d; k++) mean[k] += v[k];
  for (let k = 0; k < d; k++) mean[k] /= Math.max(1, vectors.length);
  return mean;
}

/** Sum of squares of the entries: the total variance (times n) of centred rows. */
export function sumOfSquares(rows: Rows): number {
  let sum = 0;
  for (const x of rows.data) sum += x * x;
  return sum;
}

/** Each row as a Float32Array. */
export function vectorsOf(rows: Rows): Float32Array[] {
  return Array.from({ length: rows.n }, (_, i) => Float32Array.from(rows.data.subarray(i * rows.d, (i + 1) * rows.d)));
}

/** Whether every centred row is (numerically) zero: all the vectors are the same point. */
export function allIdentical(rows: Rows): boolean {
  let scale = 0;
  for (const x of rows.data) scale = Math.max(scale, Math.abs(x));
  return scale < 1e-12;
}
