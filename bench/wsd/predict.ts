/**
 * The classifier of one test vector, as the benchmark runs it, and the name a classifier has in
 * tables and JSON.
 */
import type { ClassifierOptions, SenseIndex } from '../../src/senses';
import { senseScores } from '../../src/senses/classify';

export function classifierName(c: ClassifierOptions): string {
  return c.method === 'centroid' ? 'centroid' : `knn k=${c.k}${c.weighted ? ' weighted' : ''}`;
}

/**
 * `classifyVector(index, v, c).winner.sense` without its two nearest-neighbour look-ups (a full
 * sort of the index per call, which dominated the benchmark's time): the same scores, and the
 * same winner, since a stable descending sort puts the first best-scoring sense first.
 */
export function predict(index: SenseIndex, vector: Float32Array, classifier: ClassifierOptions): string {
  const scores = senseScores(index, vector, classifier);
  let best = 0;
  for (let s = 1; s < scores.length; s++) if (scores[s] > scores[best]) best = s;
  return index.senses[best];
}
