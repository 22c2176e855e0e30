/** How a token vector is made from BERT's hidden layers. */
export interface VectorOptions {
  /** Use the last `layers` encoder layers (paper: 4). */
  readonly layers: number;
  /** `sum` of those layers (Loureiro et al. 2021) or their `mean` (textbook chapter). */
  readonly pooling: Pooling;
}

export type Pooling = 'sum' | 'mean';

export function validateVectorOptions(options: VectorOptions, numLayers: number): VectorOptions {
  const layers = Math.trunc(options.layers);
  if (!(layers >= 1 && layers <= numLayers)) {
    throw new RangeError(`layers must be between 1 and ${numLayers} for this model (got ${options.layers})`);
  }
  if (options.pooling !== 'sum' && options.pooling !== 'mean') {
    throw new RangeError(`pooling must be "sum" or "mean" (got ${String(options.pooling)})`);
  }
  return { layers, pooling: options.pooling };
}
