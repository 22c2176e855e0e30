/** Row-major n × d matrix of float64, the projections' working format. */
export interface Rows {
  readonly n: number;
  readonly d: number;
  readonly data: Float64Array;
}

/** The vectors as rows with their mean subtracted (distances are unchanged, products are centred). */
export function centredRows(vectors: readonly Float32Array[]): Rows {
  const n = vectors.length;
  const d = vectors[0]?.length ?? 0;
  const data = new Float64Array(n * d);
  const mean = new Float64Array(d);
  for (const v of vectors) for (let k = 0; k < d; k++) mean[k] += v[k];
  for (let k = 0; k < d; k++) mean[k] /= Math.max(1, n);
  vectors.forEach((v, i) => {
    for (let k = 0; k < d; k++) data[i * d + k] = v[k] - mean[k];
  });
  return { n, d, data };
}

/** Whether every centred row is (numerically) zero: all the vectors are the same point. */
export function allIdentical(rows: Rows): boolean {
  let scale = 0;
  for (const x of rows.data) scale = Math.max(scale, Math.abs(x));
  return scale < 1e-12;
}
