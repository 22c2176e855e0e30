import type { VectorOptions } from '../shared/engineProtocol';

/**
 * Token vector from the per-layer target means of `BertEncoder.targetLayers`
 * (`keep` layers × `hidden`, oldest first): sum or mean of the last `options.layers` of them
 * (options checked by the engine, at most `keep`: `storedLayers`).
 */
export function poolLayers(layerMeans: Float32Array, hidden: number, options: VectorOptions): Float32Array {
  const keep = layerMeans.length / hidden;
  const out = new Float32Array(hidden);
  for (let l = keep - options.layers; l < keep; l++) {
    const row = layerMeans.subarray(l * hidden, (l + 1) * hidden);
    for (let h = 0; h < hidden; h++) out[h] += row[h];
  }
  if (options.pooling === 'mean') for (let h = 0; h < hidden; h++) out[h] /= options.layers;
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

export function cosine(a: Float32Array, b: Float32Array): number {
  const d = norm(a) * norm(b);
  return d === 0 ? 0 : dot(a, b) / d;
}

/** Element-wise mean of equally long vectors. */
export function meanVector(vectors: readonly Float32Array[], length: number): Float32Array {
  const out = new Float32Array(length);
  for (const v of vectors) for (let i = 0; i < length; i++) out[i] += v[i];
  if (vectors.length > 0) for (let i = 0; i < length; i++) out[i] /= vectors.length;
  return out;
}
