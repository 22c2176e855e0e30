import { project2d, type Projection } from '../pca';
import { principalBasis, REDUCED_DIMS, times } from './reduce';
import { meanOf, rowsMinus, sumOfSquares, vectorsOf } from './rows';
import type { SliceOptions } from './slices';

/**
 * PCA fitted on `fit`, with `extra` projected onto the same axes. Wide vectors first go to their
 * top-50 principal subspace (seeded, in slices, so the work can be cancelled), where `ml-pca` finds
 * the two components: the same PC1 and PC2, since they lie in that subspace, at a fraction of the
 * cost (NIPALS on 5,000 × 768 took 39 s of CPU in one uninterruptible call; docs/method.md, "Projections").
 */
export async function pcaLayout(fit: readonly Float32Array[], extra: readonly Float32Array[], random: () => number, slices: SliceOptions): Promise<Projection> {
  const mean = meanOf(fit);
  const fitRows = rowsMinus(fit, mean);
  const basis = fit.length > 1 ? await principalBasis(fitRows, REDUCED_DIMS, random, slices) : undefined;
  if (!basis) return project2d(fit, extra);
  const reduced = await times(fitRows, basis, slices);
  const extraReduced = await times(rowsMinus(extra, mean), basis, slices);
  const { points, explained } = project2d(vectorsOf(reduced), vectorsOf(extraReduced));
  // project2d's shares are of the subspace's variance: rescale them to all of it.
  const kept = sumOfSquares(reduced) / sumOfSquares(fitRows);
  return { points, explained: [explained[0] * kept, explained[1] * kept] };
}
