/**
 * The classifier of one test vector, as the benchmark runs it, and the name a classifier has in
 * tables and JSON.
 */
import type { ClassifierOptions, SenseIndex } from '../../src/senses';
import { senseScores } from '../../src/senses/classify';
import type { Probe } from '../../src/senses/probe/probe';

export function classifierName(c: ClassifierOptions): string {
  return c.method === 'knn' ? `knn k=${c.k}${c.weighted ? ' weighted' : ''}` : c.method;
}

/**
 * `classifyVector(index, v, c).winner.sense` without its two nearest-neighbour look-ups (a full
 * sort of the index per call, which dominated the benchmark's time): the same scores, and the
 * same winner, since a stable descending sort puts the first best-scoring sense first.
 */
export function predict(index: SenseIndex, vector: Float32Array, classifier: ClassifierOptions, probe?: Probe): string {
  const scores = senseScores(index, vector, classifier, undefined, probe);
  let best = 0;
  for (let s = 1; s < scores.length; s++) if (scores[s] > scores[best]) best = s;
  return index.senses[best];
}
